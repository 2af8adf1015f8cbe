import type { Knex } from 'knex';

/**
 * An archived plan is the record of a year that is over: it can be read, exported, shared and copied, and
 * made active again, but not changed. The database refuses the change itself, so no route can forget to:
 * a row of an archived plan is neither added, changed nor removed (SQLSTATE PA001, which the API answers as
 * 409 `plan_archived`). The plan's own row keeps its name, school year and status editable; its cost
 * settings price the roles, so they are content too.
 *
 * Not guarded: what is about the plan rather than in it (notifications, share links) and what the
 * database keeps for itself (history, revisions, the kept plan documents). Changes made by the database's
 * own cascades pass (a trigger depth above 1): deleting an archived plan, or a person whose name a row of
 * one carries, is not a change to the plan's content.
 */
export const archivedPlanContentTables = [
  'comments',
  'plan_actions',
  'plan_collaboration_areas',
  'plan_data_systems',
  'plan_decisions',
  'plan_expertise',
  'plan_funding_sources',
  'plan_logic_model_entries',
  'plan_logic_models',
  'plan_measure_readings',
  'plan_measures',
  'plan_missteps',
  'plan_partners',
  'plan_priorities',
  'plan_questions',
  'plan_role_alignment_answers',
  'plan_role_measures',
  'plan_role_priorities',
  'plan_role_schools',
  'plan_roles',
  'plan_stakeholder_inputs',
  'plan_stakeholders',
  'readiness_ratings',
  'role_events',
  'role_reviews',
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function refuse_change_to_archived_plan() returns trigger language plpgsql as $$
    declare
      changed_plan uuid;
    begin
      if pg_trigger_depth() > 1 then
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end if;
      if tg_op = 'DELETE' then changed_plan := old.plan_id; else changed_plan := new.plan_id; end if;
      if exists (select 1 from plans where id = changed_plan and status = 'archived') then
        raise exception 'The plan is archived' using errcode = 'PA001';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`);
  for (const table of archivedPlanContentTables) {
    await knex.raw(
      `create trigger ?? before insert or update or delete on ?? for each row execute function refuse_change_to_archived_plan()`,
      [`${table}_refused_when_archived`, table],
    );
  }
  await knex.raw(`
    create function refuse_cost_change_to_archived_plan() returns trigger language plpgsql as $$
    begin
      if old.status = 'archived' and new.status = 'archived'
        and (new.average_teacher_cost_cents, new.contract_days)
          is distinct from (old.average_teacher_cost_cents, old.contract_days) then
        raise exception 'The plan is archived' using errcode = 'PA001';
      end if;
      return new;
    end $$`);
  await knex.raw(
    `create trigger plans_costs_refused_when_archived before update on plans for each row execute function refuse_cost_change_to_archived_plan()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists plans_costs_refused_when_archived on plans');
  await knex.raw('drop function if exists refuse_cost_change_to_archived_plan()');
  for (const table of archivedPlanContentTables) {
    await knex.raw('drop trigger if exists ?? on ??', [`${table}_refused_when_archived`, table]);
  }
  await knex.raw('drop function if exists refuse_change_to_archived_plan()');
}
