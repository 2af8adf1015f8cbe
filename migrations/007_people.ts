import type { Knex } from 'knex';

/**
 * A district runs itself: schools are added, renamed and archived; people are invited (a one-time link,
 * stored only as a hash), change role and schools, are deactivated and reactivated; passwords are reset
 * by a one-time link; a log keeps who did what to whom; a district may sign in through its own OpenID
 * Connect provider (the client secret stored encrypted), for the email domains it names.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('schools', (t) => {
    t.timestamp('archived_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.dropUnique(['district_id', 'name']);
  });
  // A name is taken whatever its case.
  await knex.raw('create unique index schools_district_name_unique on schools (district_id, lower(name))');

  await knex.schema.alterTable('users', (t) => {
    t.timestamp('deactivated_at', { useTz: true });
    t.timestamp('last_sign_in_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
  });
  // A person who signs in only through their district's provider has no password.
  await knex.raw('alter table users alter column password_hash drop not null');

  await knex.schema.createTable('invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable();
    /** SHA-256 of the link's token; a resend replaces it, so the old link stops working. */
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.uuid('invited_by').references('users.id').onDelete('SET NULL');
    t.timestamp('accepted_at', { useTz: true });
    t.uuid('accepted_user_id').references('users.id').onDelete('SET NULL');
    t.timestamp('revoked_at', { useTz: true });
    /** When the mail server last took the invitation's email; null when it went out only as a link to copy. */
    t.timestamp('emailed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['district_id', 'id']);
  });
  await knex.raw(
    `alter table invitations add constraint invitations_role_check check (role in ('district_admin', 'principal', 'viewer'))`,
  );
  // One open invitation per email in a district.
  await knex.raw(
    `create unique index invitations_open_email_unique on invitations (district_id, lower(email))
     where accepted_at is null and revoked_at is null`,
  );
  await knex.schema.createTable('invitation_schools', (t) => {
    t.uuid('district_id').notNullable();
    t.uuid('invitation_id').notNullable();
    t.uuid('school_id').notNullable();
    t.primary(['invitation_id', 'school_id']);
    t.foreign(['district_id', 'invitation_id'])
      .references(['district_id', 'id'])
      .inTable('invitations')
      .onDelete('CASCADE');
    t.foreign(['district_id', 'school_id']).references(['district_id', 'id']).inTable('schools').onDelete('CASCADE');
  });

  await knex.schema.createTable('password_resets', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('user_id').notNullable();
    t.foreign(['district_id', 'user_id']).references(['district_id', 'id']).inTable('users').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    /** The admin who made the link; null when the person asked for it. */
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['district_id', 'user_id']);
  });

  await knex.schema.createTable('people_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.uuid('actor_id').references('users.id').onDelete('SET NULL');
    /** Who it was about, by name and email as they were then: the log keeps them whatever happens after. */
    t.uuid('subject_user_id').references('users.id').onDelete('SET NULL');
    t.text('subject_name').notNullable();
    t.text('subject_email').notNullable();
    t.text('note').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['district_id', 'created_at']);
  });

  await knex.schema.createTable('district_sign_in', (t) => {
    t.uuid('district_id').primary().references('districts.id').onDelete('CASCADE');
    t.text('issuer').notNullable();
    t.text('client_id').notNullable();
    /** AES-256-GCM under SECRETS_KEY; never sent back by the API. */
    t.text('client_secret_encrypted').notNullable();
    t.boolean('passwords_allowed').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('district_sign_in_domains', (t) => {
    /** Lower case; a domain signs in through one district's provider only. */
    t.text('domain').primary();
    t.uuid('district_id').notNullable().references('district_sign_in.district_id').onDelete('CASCADE');
    t.index(['district_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'district_sign_in_domains',
    'district_sign_in',
    'people_events',
    'password_resets',
    'invitation_schools',
    'invitations',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw(`update users set password_hash = '' where password_hash is null`);
  await knex.raw('alter table users alter column password_hash set not null');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('deactivated_at');
    t.dropColumn('last_sign_in_at');
    t.dropColumn('version');
  });
  await knex.raw('drop index schools_district_name_unique');
  await knex.schema.alterTable('schools', (t) => {
    t.dropColumn('archived_at');
    t.dropColumn('version');
    t.unique(['district_id', 'name']);
  });
}
