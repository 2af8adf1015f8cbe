import type { Knex } from 'knex';

/**
 * A plan's document (migration 019) holds its measures' statuses, and a measure without a baseline date is
 * judged on a path from the day it was defined: the district's day, in its time zone. A district given
 * another zone outdates the documents of its plans, as a person renamed does.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function outdate_plan_documents_of_rezoned() returns trigger language plpgsql as $$
    begin
      insert into plan_revisions (plan_id, district_id, counter, revision)
      select id, district_id, 0, 1 from plans where district_id in (
        select n.id from changed_rows n join old_rows o on o.id = n.id where n.time_zone is distinct from o.time_zone)
      on conflict (plan_id, counter) do update set revision = plan_revisions.revision + 1;
      return null;
    end $$`);
  await knex.raw(
    `create trigger districts_outdates_document_update after update on districts referencing old table as old_rows new table as changed_rows for each statement execute function outdate_plan_documents_of_rezoned()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists districts_outdates_document_update on districts');
  await knex.raw('drop function if exists outdate_plan_documents_of_rezoned()');
}
