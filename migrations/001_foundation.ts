import type { Knex } from 'knex';

/** Districts, their schools and users, principals' schools, and sign-in sessions. */
export async function up(knex: Knex): Promise<void> {
  const timestamps = (t: Knex.CreateTableBuilder) => {
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };

  await knex.schema.createTable('districts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    timestamps(t);
  });

  await knex.schema.createTable('schools', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.text('name').notNullable();
    timestamps(t);
    t.unique(['district_id', 'name']);
    // Lets child rows reference (district_id, id) so a row can never point into another district.
    t.unique(['district_id', 'id']);
  });

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable();
    t.text('password_hash').notNullable();
    timestamps(t);
    t.unique(['district_id', 'id']);
    t.index(['district_id']);
  });
  await knex.raw(
    `alter table users add constraint users_role_check check (role in ('district_admin', 'principal', 'viewer'))`,
  );
  // An email signs in to exactly one account, whatever its case.
  await knex.raw('create unique index users_email_unique on users (lower(email))');

  await knex.schema.createTable('principal_schools', (t) => {
    t.uuid('district_id').notNullable();
    t.uuid('user_id').notNullable();
    t.uuid('school_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'school_id']);
    t.foreign(['district_id', 'user_id']).references(['district_id', 'id']).inTable('users').onDelete('CASCADE');
    t.foreign(['district_id', 'school_id']).references(['district_id', 'id']).inTable('schools').onDelete('CASCADE');
    t.index(['district_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.text('sid').primary();
    t.jsonb('data').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable().index();
    t.uuid('user_id').references('users.id').onDelete('CASCADE').index();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Counters of failed sign-ins, shared by every server process (rate-limiter-flexible's Postgres layout).
  await knex.schema.createTable('login_rate_limits', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['login_rate_limits', 'sessions', 'principal_schools', 'users', 'schools', 'districts']) {
    await knex.schema.dropTableIfExists(table);
  }
}
