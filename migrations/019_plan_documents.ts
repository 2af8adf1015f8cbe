import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';

/**
 * Each plan's whole document (GET /api/plans/:planId) as last built, kept by Postgres: a plan load that
 * finds it fresh reads one row instead of building the document again (commands/plan-document.ts).
 *
 * A plan's revision is the sum of its counters in `plan_revisions`: a trigger on every table the document
 * is built from counts one of them up as a change commits, whoever makes it and however (a service, a
 * cascade, a restore from the history). A kept document is fresh while the revision is the one it was
 * built at (`built_revision`) and `format` names the code that is running. A test holds this list to the
 * tables the document's statement reads.
 *
 * Why several counters a plan: changes to one plan that do not otherwise wait for each other (answers to
 * different questions, saved at once) would all queue on one counter's row. Each transaction counts the
 * counter its transaction id picks, once a plan, as it commits (a deferred trigger); the sum only grows,
 * so any change since a document was built tells.
 *
 * For later migrations: one that changes rows of these tables leaves counts pending until its batch
 * commits, and Postgres then refuses an ALTER TABLE of those tables in the same batch; run
 * `set constraints all immediate` after the change. TRUNCATE fires no row trigger: clear
 * `plan_documents` with it.
 */
export const documentTables = [
  'plan_questions',
  'plan_actions',
  'plan_priorities',
  'plan_stakeholders',
  'plan_funding_sources',
  'plan_data_systems',
  'plan_expertise',
  'plan_collaboration_areas',
  'plan_decisions',
  'plan_partners',
  'plan_measures',
  'plan_measure_readings',
];

/** Counters a plan: enough that saves at once seldom meet on one. */
const countersPerPlan = 32;

const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

/** Counts up one counter of each plan `plans` (a query of id and district_id) selects. */
const countUp = (plans: string, counter: string) => `
  insert into plan_revisions (plan_id, district_id, counter, revision)
  select id, district_id, ${counter}, 1 from (${plans}) outdated
  on conflict (plan_id, counter) do update set revision = plan_revisions.revision + 1`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plan_revisions', (t) => {
    t.uuid('plan_id').notNullable();
    t.uuid('district_id').notNullable();
    t.smallint('counter').notNullable();
    t.bigInteger('revision').notNullable();
    t.primary(['plan_id', 'counter']);
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
  });
  await knex.schema.createTable('plan_documents', (t) => {
    t.uuid('plan_id').primary();
    t.uuid('district_id').notNullable();
    t.bigInteger('built_revision').notNullable();
    t.text('format').notNullable();
    t.text('body').notNullable();
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
  });
  for (const table of ['plan_revisions', 'plan_documents']) {
    await knex.raw(`alter table ?? enable row level security`, [table]);
    await knex.raw(
      `create policy district_rows on ?? to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
      [table],
    );
  }

  // Counts a plan's revision up, once a transaction (the plans it counted are noted in a local setting),
  // and not for a plan removed since: a removed plan's rows go with it, and their changes with them.
  await knex.raw(`
    create function count_plan_revision(plan uuid) returns void language plpgsql as $$
    declare
      counted text := coalesce(current_setting('planner.outdated_plans', true), '');
      own_counter smallint := (pg_current_xact_id()::text::bigint % ${countersPerPlan})::smallint;
    begin
      if plan is null or strpos(counted, plan::text) > 0 then
        return;
      end if;
      update plan_revisions set revision = revision + 1 where plan_id = plan and counter = own_counter;
      if not found then
        ${countUp('select id, district_id from plans where id = plan', 'own_counter')};
      end if;
      perform set_config('planner.outdated_plans', counted || plan::text || ' ', true);
    end $$`);
  // As a change commits (deferred): the plan the row was in, and the one it is in.
  for (const [fn, planColumn] of [
    ['outdate_plan_document', 'plan_id'],
    ['outdate_plan_document_of_plan', 'id'],
  ]) {
    await knex.raw(`
      create function ${fn}() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          perform count_plan_revision(old.${planColumn});
        end if;
        if tg_op <> 'DELETE' then
          perform count_plan_revision(new.${planColumn});
        end if;
        return null;
      end $$`);
  }
  // Documents name who wrote each answer: a new name, or a person removed, outdates the district's plans.
  await knex.raw(`
    create function outdate_plan_documents_of_renamed() returns trigger language plpgsql as $$
    begin
      ${countUp(
        `select id, district_id from plans where district_id in (
           select n.district_id from changed_rows n join old_rows o on o.id = n.id where n.name is distinct from o.name)`,
        '0',
      )};
      return null;
    end $$`);
  await knex.raw(`
    create function outdate_plan_documents_of_removed() returns trigger language plpgsql as $$
    begin
      ${countUp('select id, district_id from plans where district_id in (select district_id from changed_rows)', '0')};
      return null;
    end $$`);
  // The roadmap template's stages and texts are every plan's.
  await knex.raw(`
    create function outdate_every_plan_document() returns trigger language plpgsql as $$
    begin
      ${countUp('select id, district_id from plans', '0')};
      return null;
    end $$`);

  const outdating: [string, string][] = [
    ['plans', 'outdate_plan_document_of_plan'],
    ...documentTables.map((table): [string, string] => [table, 'outdate_plan_document']),
  ];
  for (const [table, fn] of outdating) {
    await knex.raw(
      `create constraint trigger ?? after insert or update or delete on ?? deferrable initially deferred
         for each row execute function ${fn}()`,
      [`${table}_outdates_document`, table],
    );
  }
  await knex.raw(
    `create trigger users_outdates_document_update after update on users referencing old table as old_rows new table as changed_rows for each statement execute function outdate_plan_documents_of_renamed()`,
  );
  await knex.raw(
    `create trigger users_outdates_document_delete after delete on users referencing old table as changed_rows for each statement execute function outdate_plan_documents_of_removed()`,
  );
  for (const table of ['roadmap_stages', 'roadmap_items']) {
    await knex.raw(
      `create trigger ?? after insert or update or delete on ?? for each statement execute function outdate_every_plan_document()`,
      [`${table}_outdates_documents`, table],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['plans', ...documentTables]) {
    await knex.raw('drop trigger if exists ?? on ??', [`${table}_outdates_document`, table]);
  }
  await knex.raw('drop trigger if exists users_outdates_document_update on users');
  await knex.raw('drop trigger if exists users_outdates_document_delete on users');
  for (const table of ['roadmap_stages', 'roadmap_items']) {
    await knex.raw('drop trigger if exists ?? on ??', [`${table}_outdates_documents`, table]);
  }
  await knex.schema.dropTableIfExists('plan_documents');
  await knex.schema.dropTableIfExists('plan_revisions');
  for (const fn of [
    'count_plan_revision(uuid)',
    'outdate_plan_document',
    'outdate_plan_document_of_plan',
    'outdate_plan_documents_of_renamed',
    'outdate_plan_documents_of_removed',
    'outdate_every_plan_document',
  ]) {
    await knex.raw(`drop function if exists ${fn.includes('(') ? fn : `${fn}()`}`);
  }
}
