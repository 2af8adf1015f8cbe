import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';

/**
 * A district's email domain signs its people in through the district's provider only once the district has
 * shown that the domain is its own: a TXT record `planner-domain-verification=<token>` at the domain, with
 * the token of its own claim (features/single-sign-on). Until then the claim waits and holds nothing: several
 * districts may wait on one domain, and the first to verify holds it (one verified claim a domain).
 *
 * The domains claimed before this were claimed under the old rule (no other district had people there), and
 * their districts' people sign in through them now: they are kept as verified, so that no district's sign-in
 * breaks on upgrade.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.text('verification_token');
    t.timestamp('verified_at', { useTz: true });
    t.timestamp('added_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    update district_sign_in_domains
      set verification_token = replace(gen_random_uuid()::text, '-', ''), verified_at = now()`);
  await knex.raw('alter table district_sign_in_domains alter column verification_token set not null');
  await knex.raw('alter table district_sign_in_domains drop constraint district_sign_in_domains_pkey');
  await knex.raw('alter table district_sign_in_domains add primary key (district_id, domain)');
  await knex.raw(
    'create unique index district_sign_in_domains_verified on district_sign_in_domains (domain) where verified_at is not null',
  );
  // Which of a district's domains another district has verified: a request's transaction sees only its own
  // district's claims (row-level security), so this runs as the function's owner, and answers only of the
  // domains asked for.
  await knex.raw(`
    create function sign_in_domains_verified_elsewhere(district_id uuid, domains text[]) returns setof text
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.domain from district_sign_in_domains d
        where d.domain = any(domains) and d.verified_at is not null
          and d.district_id <> sign_in_domains_verified_elsewhere.district_id
        order by d.domain
    $$
  `);
  await knex.raw('revoke all on function sign_in_domains_verified_elsewhere(uuid, text[]) from public');
  await knex.raw(`grant execute on function sign_in_domains_verified_elsewhere(uuid, text[]) to ${appRole}`);
}

/** Back to one claim a domain: the waiting claims are dropped, the verified ones kept. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists sign_in_domains_verified_elsewhere(uuid, text[])');
  await knex.raw('delete from district_sign_in_domains where verified_at is null');
  await knex.raw('drop index district_sign_in_domains_verified');
  await knex.raw('alter table district_sign_in_domains drop constraint district_sign_in_domains_pkey');
  await knex.raw('alter table district_sign_in_domains add primary key (domain)');
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.dropColumn('verification_token');
    t.dropColumn('verified_at');
    t.dropColumn('added_at');
  });
}
