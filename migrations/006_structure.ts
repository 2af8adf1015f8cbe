import type { Knex } from 'knex';

/**
 * - A role's links to the plan's priorities and measures become join tables with foreign keys, as its
 *   schools already are: the database keeps them true (a removed priority leaves its roles by cascade,
 *   and a role can only link rows of its own plan). The order of the links is kept.
 * - A district has one plan of a title for a school year (a double click made two): later duplicates
 *   are renamed "(2)", "(3)" before the unique index.
 * - A role's reach is unknown until the district estimates it (null, not 0): the role library used to
 *   fill "students served" with 0, which the PDF printed as "0 students".
 */
const links = [
  { table: 'plan_role_priorities', column: 'priority_id', array: 'priority_ids', target: 'plan_priorities' },
  { table: 'plan_role_measures', column: 'measure_id', array: 'measure_ids', target: 'plan_measures' },
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const table of ['plan_roles', 'plan_priorities', 'plan_measures']) {
    await knex.schema.alterTable(table, (t) => t.unique(['district_id', 'plan_id', 'id']));
  }
  for (const link of links) {
    await knex.schema.createTable(link.table, (t) => {
      t.uuid('district_id').notNullable();
      t.uuid('plan_id').notNullable();
      t.uuid('role_id').notNullable();
      t.uuid(link.column).notNullable();
      t.integer('position').notNullable();
      t.primary(['role_id', link.column]);
      t.foreign(['district_id', 'plan_id', 'role_id'], `${link.table}_role_fk`)
        .references(['district_id', 'plan_id', 'id'])
        .inTable('plan_roles')
        .onDelete('CASCADE');
      t.foreign(['district_id', 'plan_id', link.column], `${link.table}_target_fk`)
        .references(['district_id', 'plan_id', 'id'])
        .inTable(link.target)
        .onDelete('CASCADE');
      t.index(['district_id', link.column]);
    });
    // The links that point at rows of the role's own plan, in the order the array had them.
    await knex.raw(
      `insert into ?? (district_id, plan_id, role_id, ??, position)
       select r.district_id, r.plan_id, r.id, l.target_id, l.position
       from plan_roles r
       cross join lateral unnest(r.??) with ordinality as l(target_id, position)
       where exists (select 1 from ?? x where x.id = l.target_id and x.plan_id = r.plan_id and x.district_id = r.district_id)`,
      [link.table, link.column, link.array, link.target],
    );
    await knex.schema.alterTable('plan_roles', (t) => t.dropColumn(link.array));
  }

  await knex.raw(`
    update plans p set title = p.title || ' (' || d.n || ')'
    from (
      select id, row_number() over (partition by district_id, school_year, lower(title) order by created_at, id) as n
      from plans
    ) d
    where d.id = p.id and d.n > 1`);
  await knex.raw(
    `create unique index plans_district_year_title_unique on plans (district_id, school_year, lower(title))`,
  );

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
  await knex.raw(`drop index plans_district_year_title_unique`);
  for (const link of links) {
    await knex.schema.alterTable('plan_roles', (t) => {
      t.specificType(link.array, 'uuid[]').notNullable().defaultTo('{}');
    });
    await knex.raw(
      `update plan_roles r set ?? = coalesce((select array_agg(l.?? order by l.position) from ?? l where l.role_id = r.id), '{}')`,
      [link.array, link.column, link.table],
    );
    await knex.schema.dropTable(link.table);
  }
  for (const table of ['plan_roles', 'plan_priorities', 'plan_measures']) {
    await knex.schema.alterTable(table, (t) => t.dropUnique(['district_id', 'plan_id', 'id']));
  }
}
