import type { Knex } from 'knex';

/**
 * A district's email domains outlive its provider settings: turning sign-in through the provider off kept no
 * domain before (they hung on the settings' row), so setting it up again, even with the same provider, needed
 * new TXT records at every domain. They now hang on the district. While the district has no provider they sign
 * no one in (a domain sends its people to the provider of the district that verified it, and there is none), and
 * a verified one stays the district's: another district cannot verify it meanwhile.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table district_sign_in_domains drop constraint district_sign_in_domains_district_id_foreign');
  await knex.raw(`
    alter table district_sign_in_domains add constraint district_sign_in_domains_district_id_foreign
      foreign key (district_id) references districts(id) on delete cascade`);
}

/** Back to domains that hang on the settings: those of a district without settings are dropped. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    delete from district_sign_in_domains d
      where not exists (select 1 from district_sign_in s where s.district_id = d.district_id)`);
  await knex.raw('alter table district_sign_in_domains drop constraint district_sign_in_domains_district_id_foreign');
  await knex.raw(`
    alter table district_sign_in_domains add constraint district_sign_in_domains_district_id_foreign
      foreign key (district_id) references district_sign_in(district_id) on delete cascade`);
}
