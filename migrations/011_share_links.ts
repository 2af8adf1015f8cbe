import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';

/**
 * Read-only links to a plan for the board or the community: the token's SHA-256 only (the link is shown
 * once), the parts it shows, an expiry day or none, when it was revoked, and how often it was opened.
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('share_links', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.uuid('plan_id').notNullable();
    t.text('label').notNullable().defaultTo('');
    t.specificType('parts', 'text[]').notNullable();
    t.text('token_hash').notNullable().unique();
    /** The last day the link works (through that day, UTC); null until revoked. */
    t.date('expires_on');
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
    t.integer('open_count').notNullable().defaultTo(0);
    t.timestamp('last_opened_at', { useTz: true });
    t.unique(['district_id', 'id']);
    t.index(['district_id', 'plan_id']);
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
  });
  // Migration 010's wall, on this table of district data too.
  await knex.raw(`grant select, insert, update, delete on share_links to ${appRole}`);
  await knex.raw(`alter table share_links enable row level security`);
  await knex.raw(
    `create policy district_rows on share_links to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('share_links');
}
