import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';

/**
 * Of the email domains `domains`, those a district (`district_id`) may not claim for its provider
 * (features/single-sign-on): where another district has people, an account or an open invitation (an
 * expired one is not counted; resent, it makes an account of that district, which keeps its own sign-in).
 * The planner cannot tell who owns a domain, and an account of its own there proves nothing: an admin makes
 * one by accepting their own invitation. The district's transaction sees only its own people (row-level
 * security), so this runs as the function's owner, and answers only which of the domains asked for.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function unclaimable_sign_in_domains(district_id uuid, domains text[]) returns setof text
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.domain
        from unnest(domains) as d(domain)
        where exists (
            select 1 from users u
              where u.district_id <> unclaimable_sign_in_domains.district_id
                and lower(substring(u.email from '@([^@]*)$')) = d.domain
          )
          or exists (
            select 1 from invitations i
              where i.district_id <> unclaimable_sign_in_domains.district_id
                and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
                and lower(substring(i.email from '@([^@]*)$')) = d.domain
          )
        order by d.domain
    $$
  `);
  await knex.raw('revoke all on function unclaimable_sign_in_domains(uuid, text[]) from public');
  await knex.raw(`grant execute on function unclaimable_sign_in_domains(uuid, text[]) to ${appRole}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists unclaimable_sign_in_domains(uuid, text[])');
}
