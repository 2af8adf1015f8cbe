import type { Knex } from 'knex';

/**
 * A verified domain is looked at again every day (features/single-sign-on, the `domains` job): a domain whose
 * TXT record has gone is no proof of the district's any longer. `record_checked_at` is when it was last looked
 * at, `record_missing_since` the first of the checks in a row that found the record missing (a definite answer,
 * not a DNS failure); missing at checks spanning 7 days, the domain is released (it waits for verification again).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.timestamp('record_checked_at', { useTz: true });
    t.timestamp('record_missing_since', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.dropColumn('record_checked_at');
    t.dropColumn('record_missing_since');
  });
}
