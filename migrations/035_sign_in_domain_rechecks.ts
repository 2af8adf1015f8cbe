import type { Knex } from 'knex';

/**
 * A verified domain is looked at again every day (features/single-sign-on, the `domains` job): a domain whose
 * TXT record has gone is no proof of the district's any longer. `record_checked_at` is when it was last looked
 * at, `record_missing_since` the first of the checks in a row that found the record missing (a definite answer,
 * not a DNS failure); missing at checks spanning 7 days, the domain is released (it waits for verification again).
 * `record_found_at` is when the record was last found (at verification, or a check).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.timestamp('record_checked_at', { useTz: true });
    t.timestamp('record_missing_since', { useTz: true });
    t.timestamp('record_found_at', { useTz: true });
  });
  // Only a record once found can go missing. The domains kept as verified by migration 031 never had one (they
  // were claimed under the old rule): found missing, they are not on their way to be released, which would
  // break the sign-in 031 kept. Those verified since through their record (the People log says so) had one.
  await knex.raw(`
    update district_sign_in_domains d set record_found_at = d.verified_at
      where d.verified_at is not null
        and exists (
          select 1 from people_events e
            where e.district_id = d.district_id and e.kind = 'sign_in_domain_verified' and e.subject_name = d.domain
        )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.dropColumn('record_checked_at');
    t.dropColumn('record_missing_since');
    t.dropColumn('record_found_at');
  });
}
