import type { Knex } from 'knex';

/**
 * `school_ids`: the role's schools a principal's decision stands for. Set to the schools they lead when they
 * decide, and again when the round ends (approved, or changes requested), as a decision counts for the schools
 * its principal leads at that moment: a decided role then shows each school's decision and who gave it, even
 * once that person no longer leads it. Decisions given before this are taken as standing for the role's schools
 * their principal leads now, the closest the data holds.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('role_reviews', (t) => {
    t.specificType('school_ids', 'uuid[]').notNullable().defaultTo('{}');
  });
  // Filling in what the data already says changes no archived plan and is no one's edit: neither refused nor
  // recorded in the plan's history.
  await knex.raw("set local planner.recording = 'off'");
  await knex.raw('alter table role_reviews disable trigger role_reviews_refused_when_archived');
  await knex.raw(`
    update role_reviews v set school_ids = coalesce(
      (select array_agg(rs.school_id order by rs.school_id)
         from plan_role_schools rs
         join principal_schools ps on ps.school_id = rs.school_id and ps.user_id = v.reviewer_id
        where rs.role_id = v.role_id),
      '{}')
  `);
  await knex.raw('alter table role_reviews enable trigger role_reviews_refused_when_archived');
  await knex.raw('set local planner.recording to default');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('role_reviews', (t) => {
    t.dropColumn('school_ids');
  });
}
