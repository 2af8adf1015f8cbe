import { parseArgs } from 'node:util';
import { z } from 'zod';
import { asOneLine } from '@planner/shared/common';
import { defaultTimeZone, timeZoneSchema } from '@planner/shared/district';
import { quotedAtSentenceEnd } from '@planner/shared/format';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/knex';
import { migrateToLatest } from './db/migrations';
import { hashPassword } from './features/auth/service';
import { createUser, findDistrictNamed } from './features/users/service';
import { AppError } from './http/app-error';

/**
 * How a production install, which never gets the demo, gets its first district and administrator; the
 * password comes in ADMIN_PASSWORD, kept out of the shell history and process list. A wrong run ends with one
 * sentence on stderr and exit code 1.
 */
const usage = `Usage: ADMIN_PASSWORD='a long password' node server/dist/create-district.js \\
  --district "Lakeview School District" --admin-email you@district.org --admin-name "Your Name" \\
  [--time-zone America/Chicago] [--allow-same-name]

Creates a district and its first district administrator, on the database of DATABASE_URL (or the embedded
one in DATA_DIR), migrating it first.

Options:
  --district      the district's name (required)
  --admin-email   the first administrator's email, to sign in with (required; not already in the planner)
  --admin-name    the first administrator's full name (required)
  --time-zone     the district's IANA time zone (default ${defaultTimeZone}); its administrators change it later
                  on the Schools page
  --allow-same-name
                  creates the district even when one of the same name is in the planner already (whatever its
                  case and spaces); without it, such a run stops and creates nothing
  --help          prints this and creates nothing

Environment:
  ADMIN_PASSWORD  the first administrator's password, at least 12 characters (required)
`;

const required = ['district', 'admin-email', 'admin-name'] as const;

// The names are cleaned as the API cleans a one-line text (line breaks and tabs a space, hidden controls and
// text-direction overrides dropped): a name pasted into the shell is shown on every page as the API's are.
const argsSchema = z.object({
  district: z.string().overwrite(asOneLine).min(1, { error: '--district must not be empty' }).max(200, {
    error: '--district must be at most 200 characters',
  }),
  'admin-email': z.email({ error: '--admin-email must be an email address' }),
  'admin-name': z.string().overwrite(asOneLine).min(1, { error: '--admin-name must not be empty' }).max(200, {
    error: '--admin-name must be at most 200 characters',
  }),
  // Its messages say what it must be ("must be a time zone of the IANA database ..."): named with the flag below.
  'time-zone': timeZoneSchema.default(defaultTimeZone),
  'allow-same-name': z.boolean().default(false),
  password: z
    .string()
    .min(12, { error: 'Set ADMIN_PASSWORD to the first administrator’s password, at least 12 characters' })
    .max(200, { error: 'ADMIN_PASSWORD must be at most 200 characters' }),
});

/** A run that cannot go on, said in one sentence. */
class Refusal extends Error {}

const listed = (names: readonly string[]) =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;

function readArgs() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        district: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        'time-zone': { type: 'string' },
        'allow-same-name': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (err) {
    // node:util's own wording ("Unknown option '--x'. To specify a positional argument ...") said plainly.
    const code = (err as { code?: string }).code;
    const named = /'([^']*)'/.exec(err instanceof Error ? err.message : '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new Refusal(`${named} is not an option of create-district: run create-district --help to see them.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new Refusal(`${named.split(' ')[0]} needs a value: run create-district --help to see what it is.`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new Refusal(`“${named}” is not an option: values follow their option, as in --district "Name".`);
    }
    throw err;
  }
  const { values } = parsed;
  if (values.help) return null;
  const missing = required.filter((name) => values[name] === undefined).map((name) => `--${name}`);
  if (missing.length > 0) {
    throw new Refusal(`Missing ${listed(missing)}: run create-district --help to see what each is.`);
  }
  const result = argsSchema.safeParse({ ...values, password: process.env.ADMIN_PASSWORD ?? '' });
  if (!result.success) {
    // The first problem, with what was given: one thing to mend at a time.
    const [issue] = result.error.issues;
    const option = String(issue!.path[0]);
    const given = option === 'password' ? undefined : values[option as keyof typeof values];
    const message = option === 'time-zone' ? `--time-zone ${issue!.message}` : issue!.message;
    // What was given, as cleaned: a name of only hidden characters was given nothing to show.
    const shown = typeof given === 'string' ? asOneLine(given) : '';
    throw new Refusal(shown !== '' ? `${message}, not ${quotedAtSentenceEnd(shown)}` : `${message}.`);
  }
  return result.data;
}

async function run(): Promise<void> {
  const args = readArgs();
  if (args === null) {
    process.stdout.write(usage);
    return;
  }

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
      // Run again to mend a typo (in the administrator's email, say), it would make a second district of the name.
      const namesake = await findDistrictNamed(trx, args.district);
      if (namesake && !args['allow-same-name']) {
        throw new Refusal(
          `A district named “${namesake.name}” is in the planner already: run create-district again with --allow-same-name if a second district of this name is meant.`,
        );
      }
      const [district] = (await trx('districts')
        .insert({ name: args.district, time_zone: args['time-zone'] })
        .returning('id')) as { id: string }[];
      try {
        await createUser(trx, {
          districtId: district!.id,
          email: args['admin-email'],
          name: args['admin-name'],
          role: 'district_admin',
          passwordHash,
        });
      } catch (err) {
        if (err instanceof AppError && err.code === 'invalid_input') {
          throw new Refusal(
            `${args['admin-email']} is already the email of a person in the planner: give the first administrator another.`,
          );
        }
        throw err;
      }
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
