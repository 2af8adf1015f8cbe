import type { Knex } from 'knex';

/**
 * `direction`: whether a higher or a lower reading of a measure is better ('higher', 'lower'), which judges
 * a measure whose target equals its baseline (a level to keep). Measures written before it take the
 * direction their baseline and target say; with the two equal, or either missing, it stays unset (their
 * status asks for it). Filling in what the data already says changes no archived plan and is no one's
 * edit: neither refused nor recorded in the plan's history.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('plan_measures', (t) => {
    t.text('direction');
  });
  await knex.raw(
    "alter table plan_measures add constraint plan_measures_direction_check check (direction in ('higher', 'lower'))",
  );
  await knex.raw("set local planner.recording = 'off'");
  await knex.raw('alter table plan_measures disable trigger plan_measures_refused_when_archived');
  await knex.raw(`
    update plan_measures set direction = case when target > baseline then 'higher' else 'lower' end
     where baseline is not null and target is not null and target <> baseline
  `);
  // The plans' documents count up now rather than at commit: Postgres alters no table with counts pending.
  await knex.raw('set constraints all immediate');
  await knex.raw('alter table plan_measures enable trigger plan_measures_refused_when_archived');
  await knex.raw('set local planner.recording to default');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('plan_measures', (t) => {
    t.dropColumn('direction');
  });
}
