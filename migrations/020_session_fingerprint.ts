import type { Knex } from 'knex';

/**
 * A session's fingerprint: a hash of its data with its person's row and their district's row, whole. A
 * server process that keeps a session in memory checks, as a request's transaction begins, that the
 * fingerprint is still the one it read (http/session-store.ts): a session ended, expired or changed, or a
 * person or district changed in any column, no longer matches. The expiry is not in it: a rolling session
 * moves its expiry on, and the check asks for an unexpired session apart.
 *
 * A PL/pgSQL function, as Postgres keeps the plan of its statement for each connection: the check runs on
 * every signed-in request, in a simple-protocol message that cannot be prepared.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function session_fingerprint(session_id text) returns text
    language plpgsql stable as $$
    declare
      fingerprint text;
    begin
      select md5(concat_ws('|', s.data::text, u::text, d::text)) into fingerprint
        from sessions s
        left join users u on u.id = s.user_id
        left join districts d on d.id = u.district_id
        where s.sid = session_id;
      return fingerprint;
    end
    $$
  `);
  await knex.raw('revoke all on function session_fingerprint(text) from public');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists session_fingerprint(text)');
}
