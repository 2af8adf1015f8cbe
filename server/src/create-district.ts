import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultTimeZone, timeZoneSchema } from '@planner/shared/district';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/knex';
import { migrateToLatest } from './db/migrations';
import { hashPassword } from './features/auth/service';

/**
 * `node server/dist/create-district.js --district "Name" --admin-email a@b.org --admin-name "Full Name"
 * [--time-zone America/Chicago]`, with the first admin's password in ADMIN_PASSWORD (kept out of the shell
 * history and process list). The time zone (an IANA name) is America/New_York when none is given.
 * How a production install, which never gets the demo, gets its first district and administrator.
 */
const argsSchema = z.object({
  district: z.string().trim().min(1, { error: '--district is required' }).max(200),
  'admin-email': z.email({ error: '--admin-email must be an email address' }),
  'admin-name': z.string().trim().min(1, { error: '--admin-name is required' }).max(200),
  // Its messages say what it must be ("must be a time zone of the IANA database ..."): named with the flag below.
  'time-zone': timeZoneSchema.default(defaultTimeZone),
  password: z.string().min(12, { error: 'ADMIN_PASSWORD must be set, at least 12 characters' }).max(200),
});

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      district: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'time-zone': { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse({ ...values, password: process.env.ADMIN_PASSWORD ?? '' });
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => (i.path[0] === 'time-zone' ? `--time-zone ${i.message}` : i.message)).join('\n'),
    );
  }
  const args = parsed.data;

  const config = loadConfig();
  const db = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.preparedStatements,
  });
  try {
    await migrateToLatest(db);
    const passwordHash = await hashPassword(args.password);
    await db.transaction(async (trx) => {
      const [district] = (await trx('districts')
        .insert({ name: args.district, time_zone: args['time-zone'] })
        .returning('id')) as { id: string }[];
      await trx('users').insert({
        district_id: district!.id,
        email: args['admin-email'],
        name: args['admin-name'],
        role: 'district_admin',
        password_hash: passwordHash,
      });
    });
    console.log(
      `Created ${args.district} (time zone ${args['time-zone']}) with the district administrator ${args['admin-email']}.`,
    );
  } finally {
    await db.destroy();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
