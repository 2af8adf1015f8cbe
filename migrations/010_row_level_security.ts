import type { Knex } from 'knex';

/**
 * A second wall behind the services' district filters: row-level security on every table of district
 * data. Each signed-in request runs in a transaction as the role `planner_app` (which does not own the
 * tables, so the policies bind it) with `planner.district_id` set locally to the person's district; a
 * query that forgot its district filter then sees and changes nothing of another district. The owner
 * that migrates is not bound, so sign-in, invitation and reset links, and scheduled jobs (which find a
 * person or token before any district is known) run as it. The tables are found, not listed: every
 * table with a district_id column, now and in later migrations (a test holds them to it).
 */
export const appRole = 'planner_app';

const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

async function districtTables(knex: Knex): Promise<string[]> {
  const { rows } = (await knex.raw(
    `select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'district_id' order by table_name`,
  )) as { rows: { table_name: string }[] };
  return rows.map((r) => r.table_name);
}

export async function up(knex: Knex): Promise<void> {
  // The role belongs to the whole Postgres server: create it once, whichever database migrates first.
  await knex.raw(`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = '${appRole}') then
        create role ${appRole} nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  // The owner may then take the role on for a request (set local role).
  await knex.raw(`grant ${appRole} to current_user`);
  await knex.raw(`grant usage on schema public to ${appRole}`);
  await knex.raw(`grant select, insert, update, delete on all tables in schema public to ${appRole}`);
  await knex.raw(`grant usage, select on all sequences in schema public to ${appRole}`);
  await knex.raw(
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole}`,
  );
  await knex.raw(`alter default privileges in schema public grant usage, select on sequences to ${appRole}`);

  for (const table of await districtTables(knex)) {
    await knex.raw(`alter table ?? enable row level security`, [table]);
    await knex.raw(
      `create policy district_rows on ?? to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
      [table],
    );
  }
  await knex.raw(`alter table districts enable row level security`);
  await knex.raw(
    `create policy district_rows on districts to ${appRole} using (id = ${currentDistrict}) with check (id = ${currentDistrict})`,
  );
  // A person's settings are theirs: visible where the person is (users is bound by its own policy).
  await knex.raw(`alter table notification_settings enable row level security`);
  await knex.raw(
    `create policy district_rows on notification_settings to ${appRole}
       using (user_id in (select id from users)) with check (user_id in (select id from users))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [...(await districtTables(knex)), 'districts', 'notification_settings']) {
    await knex.raw(`drop policy if exists district_rows on ??`, [table]);
    await knex.raw(`alter table ?? disable row level security`, [table]);
  }
}
