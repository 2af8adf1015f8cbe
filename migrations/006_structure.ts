import type { Knex } from 'knex';

/**
 * A role's reach is unknown until the district estimates it (null, not 0): the role library used to
 * fill "students served" with 0, which the PDF printed as "0 students".
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `alter table plan_roles alter column reach_teachers drop not null, alter column reach_teachers drop default`,
  );
  await knex.raw(
    `alter table plan_roles alter column reach_students drop not null, alter column reach_students drop default`,
  );
  await knex('plan_roles').where({ reach_students: 0 }).update({ reach_students: null });
}

export async function down(knex: Knex): Promise<void> {
  await knex('plan_roles').whereNull('reach_teachers').update({ reach_teachers: 0 });
  await knex('plan_roles').whereNull('reach_students').update({ reach_students: 0 });
  await knex.raw(
    `alter table plan_roles alter column reach_teachers set not null, alter column reach_teachers set default 0`,
  );
  await knex.raw(
    `alter table plan_roles alter column reach_students set not null, alter column reach_students set default 0`,
  );
}
