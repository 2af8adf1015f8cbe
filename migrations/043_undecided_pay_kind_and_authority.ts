import type { Knex } from 'knex';

/**
 * The kind of pay and whether the role evaluates or supervises other staff are null until someone chooses them, as
 * migration 041 made the other choices: a blank role said "Stipend" and "No" as if the district had decided.
 * Roles written before keep their values, as nothing tells a default from a choice there.
 */
const columns = {
  pay_kind: "'stipend'",
  evaluates_staff: 'false',
  supervises_staff: 'false',
} as const;

export async function up(knex: Knex): Promise<void> {
  for (const column of Object.keys(columns)) {
    await knex.raw('alter table plan_roles alter column ?? drop not null, alter column ?? drop default', [
      column,
      column,
    ]);
  }
}

export async function down(knex: Knex): Promise<void> {
  // Filling the old defaults back in changes no archived plan as people wrote it, and is no one's change in the
  // plans' history.
  await knex.raw("set local planner.recording = 'off'");
  await knex.raw('alter table plan_roles disable trigger plan_roles_refused_when_archived');
  for (const [column, literal] of Object.entries(columns)) {
    await knex('plan_roles')
      .whereNull(column)
      .update({ [column]: knex.raw(literal) });
    // A default is not a bound parameter: the old one is written as its SQL literal.
    await knex.raw(`alter table plan_roles alter column ?? set not null, alter column ?? set default ${literal}`, [
      column,
      column,
    ]);
  }
  await knex.raw('alter table plan_roles enable trigger plan_roles_refused_when_archived');
  await knex.raw('set local planner.recording to default');
}
