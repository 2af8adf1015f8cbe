import type { Knex } from 'knex';

/**
 * Teacher-leader role definitions, the schools each is for, the principals' review decisions and a
 * history of each role; and the plan's cost settings (average teacher cost, contract days).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('plans', (t) => {
    t.bigInteger('average_teacher_cost_cents').notNullable().defaultTo(75_000_00);
    t.integer('contract_days').notNullable().defaultTo(185);
  });

  await knex.schema.createTable('plan_roles', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('kind').notNullable();
    t.text('purpose').notNullable().defaultTo('');
    t.specificType('priority_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.jsonb('responsibilities').notNullable().defaultTo('[]');
    t.integer('release_percent').notNullable().defaultTo(0);
    t.text('teaching_load').notNullable().defaultTo('');
    t.integer('reach_teachers').notNullable().defaultTo(0);
    t.integer('reach_students').notNullable().defaultTo(0);
    t.text('pay_kind').notNullable().defaultTo('stipend');
    t.bigInteger('stipend_cents').notNullable().defaultTo(0);
    t.double('supplement_percent').notNullable().defaultTo(0);
    t.integer('extra_days').notNullable().defaultTo(0);
    t.text('pay_funding').notNullable().defaultTo('recurring');
    t.integer('positions').notNullable().defaultTo(1);
    t.text('eligibility').notNullable().defaultTo('');
    t.text('selection_process').notNullable().defaultTo('');
    t.text('selected_by').notNullable().defaultTo('');
    t.date('application_opens');
    t.date('application_closes');
    t.text('term').notNullable().defaultTo('');
    t.text('renewal').notNullable().defaultTo('');
    t.text('reports_to').notNullable().defaultTo('');
    t.boolean('evaluates_staff').notNullable().defaultTo(false);
    t.boolean('supervises_staff').notNullable().defaultTo(false);
    t.specificType('measure_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.text('teacher_leader_evaluation').notNullable().defaultTo('');
    t.text('training').notNullable().defaultTo('');
    t.text('principal_role').notNullable().defaultTo('');
    t.text('union_constraints').notNullable().defaultTo('');
    t.boolean('developed_jointly').notNullable().defaultTo(false);
    t.jsonb('field_modes').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('draft');
    t.integer('round').notNullable().defaultTo(0);
    t.timestamp('submitted_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['district_id', 'id']);
    t.index(['district_id', 'plan_id']);
    t.index(['district_id', 'status']);
  });
  await knex.raw(
    `alter table plan_roles add constraint plan_roles_status_check check (status in ('draft', 'in_review', 'changes_requested', 'approved'))`,
  );

  await knex.schema.createTable('plan_role_schools', (t) => {
    t.uuid('district_id').notNullable();
    t.uuid('role_id').notNullable();
    t.uuid('school_id').notNullable();
    t.primary(['role_id', 'school_id']);
    t.foreign(['district_id', 'role_id']).references(['district_id', 'id']).inTable('plan_roles').onDelete('CASCADE');
    t.foreign(['district_id', 'school_id']).references(['district_id', 'id']).inTable('schools').onDelete('CASCADE');
    t.index(['district_id', 'school_id']);
  });

  await knex.schema.createTable('role_reviews', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('role_id').notNullable();
    t.foreign(['district_id', 'role_id']).references(['district_id', 'id']).inTable('plan_roles').onDelete('CASCADE');
    t.uuid('reviewer_id').notNullable();
    t.foreign(['district_id', 'reviewer_id']).references(['district_id', 'id']).inTable('users').onDelete('CASCADE');
    t.integer('round').notNullable();
    t.text('decision').notNullable();
    t.text('comment').notNullable().defaultTo('');
    /** The role's fields as the reviewer saw them, to show what changed by their next look. */
    t.jsonb('snapshot').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['district_id', 'role_id']);
    t.index(['district_id', 'reviewer_id']);
  });
  await knex.raw(
    `alter table role_reviews add constraint role_reviews_decision_check check (decision in ('approve', 'request_changes'))`,
  );

  await knex.schema.createTable('role_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('role_id').notNullable();
    t.foreign(['district_id', 'role_id']).references(['district_id', 'id']).inTable('plan_roles').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.uuid('actor_id').references('users.id').onDelete('SET NULL');
    t.text('note').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['district_id', 'role_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['role_events', 'role_reviews', 'plan_role_schools', 'plan_roles'])
    await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('plans', (t) => {
    t.dropColumn('average_teacher_cost_cents');
    t.dropColumn('contract_days');
  });
}
