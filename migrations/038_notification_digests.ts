import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';

/**
 * When each person's last daily digest went. A digest goes at 8 AM where the district is, once a day: once the
 * district moves to a zone where 8 AM comes later the same day, the hour alone would send a second one.
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_digests', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('CASCADE');
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.timestamp('sent_at', { useTz: true }).notNullable();
  });
  // Migration 010's wall, on this table of district data too.
  await knex.raw(`grant select, insert, update, delete on notification_digests to ${appRole}`);
  await knex.raw(`alter table notification_digests enable row level security`);
  await knex.raw(
    `create policy district_rows on notification_digests to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notification_digests');
}
