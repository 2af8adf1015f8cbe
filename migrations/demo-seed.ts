import type { Knex } from 'knex';

export const demoPassword = 'lakeview-demo';

export interface DemoDistrict {
  districtId: string;
  districtName: string;
  timeZone: string;
  admin: { id: string; email: string };
}

/**
 * A demo district to sign in to on a fresh install: Lakeview with four schools and one user of each role,
 * and Hillcrest with an admin, to show that districts are apart. The caller hashes the password.
 */
export async function seedDemo(knex: Knex, passwordHash: string): Promise<DemoDistrict> {
  return knex.transaction(async (trx) => {
    const [lakeview] = await trx('districts')
      .insert({ name: 'Lakeview School District', time_zone: 'America/Chicago' })
      .returning('id');
    const [hillcrest] = await trx('districts')
      .insert({ name: 'Hillcrest School District', time_zone: 'America/Denver' })
      .returning('id');
    const lakeviewId = (lakeview as { id: string }).id;
    const hillcrestId = (hillcrest as { id: string }).id;

    const schools = (await trx('schools')
      .insert(
        ['Lakeview High School', 'Lakeview Middle School', 'Northside Elementary', 'Riverbend Elementary'].map(
          (name) => ({
            district_id: lakeviewId,
            name,
          }),
        ),
      )
      .returning(['id', 'name'])) as { id: string; name: string }[];

    const user = (districtId: string, email: string, name: string, role: string) => ({
      district_id: districtId,
      email,
      name,
      role,
      password_hash: passwordHash,
    });
    const users = (await trx('users')
      .insert([
        user(lakeviewId, 'admin@lakeview.test', 'Dana Whitfield', 'district_admin'),
        user(lakeviewId, 'principal@lakeview.test', 'Marcus Ortega', 'principal'),
        user(lakeviewId, 'principal2@lakeview.test', 'Alicia Brooks', 'principal'),
        user(lakeviewId, 'viewer@lakeview.test', 'Priya Raman', 'viewer'),
        user(hillcrestId, 'admin@hillcrest.test', 'Jordan Ellis', 'district_admin'),
      ])
      .returning(['id', 'email'])) as { id: string; email: string }[];

    // Each school has a principal to review the roles that concern it.
    const leads: Record<string, string[]> = {
      'principal@lakeview.test': ['Lakeview High School', 'Northside Elementary'],
      'principal2@lakeview.test': ['Lakeview Middle School', 'Riverbend Elementary'],
    };
    await trx('principal_schools').insert(
      Object.entries(leads).flatMap(([email, names]) =>
        schools
          .filter((s) => names.includes(s.name))
          .map((s) => ({
            district_id: lakeviewId,
            user_id: users.find((u) => u.email === email)!.id,
            school_id: s.id,
          })),
      ),
    );

    return {
      districtId: lakeviewId,
      districtName: 'Lakeview School District',
      timeZone: 'America/Chicago',
      admin: users.find((u) => u.email === 'admin@lakeview.test')!,
    };
  });
}
