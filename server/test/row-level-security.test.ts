import { stageTableNames } from '@planner/shared/stage-tables';
import pino from 'pino';
import { planDocumentJson, PlanDocumentKeeper } from '../src/commands/plan-document';
import { inDistrict } from '../src/db/district-scope';
import { readTogether } from '../src/db/read-together';
import * as alignment from '../src/features/alignment/service';
import * as comments from '../src/features/comments/service';
import * as logicModel from '../src/features/logic-model/service';
import * as missteps from '../src/features/missteps/service';
import * as notifications from '../src/features/notifications/service';
import { recordDigest } from '../src/features/notifications/repo';
import * as readiness from '../src/features/readiness/service';
import * as roles from '../src/features/roles/service';
import { defaultDelivery } from '@planner/shared/notification';
import {
  buildDistrict,
  buildInvitation,
  buildPlan,
  buildReading,
  buildResetLink,
  buildRoleInReview,
  buildRow,
  buildSchool,
  buildShareLink,
  buildStakeholderInput,
  signedInUserOf,
  type TestDistrict,
} from './support/factories';
import { openTestDatabase } from './support/test-database';
import knex, { type Knex } from 'knex';
import type { Db } from '../src/db/knex';
import {
  beginSettings,
  CheckFailed,
  preparedStatement,
  preparedStatementsConfig,
  ScopedPgClient,
  type BeginSettings,
} from '../src/db/scoped-pg-client';

/**
 * The second wall: whatever a signed-in request's query forgets, Postgres keeps it to its district.
 * Both districts get a row in (nearly) every table through the real services; then a query with no
 * district filter at all, run as a Lakeview request, must see and change nothing of Hillcrest.
 */
let db: Db;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;

async function populate(district: TestDistrict): Promise<void> {
  const admin = signedInUserOf(district);
  const { plan, customActionId } = await buildPlan(db, district);
  for (const name of stageTableNames) await buildRow(db, district, plan.id, name);
  const measure = (await db('plan_measures').where({ plan_id: plan.id }).first('id')) as { id: string };
  await buildReading(db, district, plan.id, measure.id);
  const priority = (await db('plan_priorities').where({ plan_id: plan.id }).first('id')) as { id: string };
  const role = await buildRoleInReview(db, district, plan.id, { priorityIds: [priority.id], measureIds: [measure.id] });
  await roles.reviewRole(db, signedInUserOf(district, district.principal), plan.id, role.id, {
    decision: 'approve',
    comment: 'Clear and fair.',
    version: role.version,
    round: (await db('plan_roles').where({ id: role.id }).first('round')).round as number,
  });
  await readiness.createRating(db, admin, plan.id, {
    schoolId: district.schools[0]!.id,
    indicatorKey: 'systems.time',
    rating: 2,
    evidence: '',
  });
  await missteps.addStarters(db, admin, plan.id, { stageKey: 'design' });
  await alignment.saveAnswer(db, admin, plan.id, role.id, 'reach', { answer: 'yes', note: '', version: null });
  await buildSchool(db, district);
  await buildInvitation(db, district, { role: 'principal', schoolIds: [district.schools[0]!.id] });
  await buildResetLink(db, district, district.viewer);
  await buildShareLink(db, district, plan.id);
  await buildStakeholderInput(db, district, plan.id);
  await comments.createComment(db, admin, plan.id, {
    subject: { kind: 'action', id: customActionId },
    body: 'Who leads this one?',
    mentions: [district.principal.id],
  });
  await notifications.saveSettings(db, signedInUserOf(district, district.principal), { settings: defaultDelivery });
  await recordDigest(db, { user_id: district.principal.id, district_id: district.id, sent_at: new Date() });
  await logicModel.updateCanvas(db, admin, plan.id, { goal: 'Keep nine in ten new teachers', version: 1 });
  await logicModel.addEntry(db, admin, plan.id, {
    section: 'outcome',
    horizon: null,
    text: 'More new teachers stay',
    links: [{ kind: 'measure', id: measure.id }],
  });
  // The plan's document, kept as a load keeps it.
  const keeper = new PlanDocumentKeeper(db, pino({ level: 'silent' }));
  await inDistrict(db, district.id, (trx) => planDocumentJson(trx, district.id, plan.id, keeper.keep), {
    readOnly: true,
  });
  await keeper.settled();
}

/** Tables the policies must bind: every table with a district_id, the districts, and people's settings. */
async function boundTables(): Promise<string[]> {
  const { rows } = (await db.raw(
    `select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'district_id'`,
  )) as { rows: { table_name: string }[] };
  return [...rows.map((r) => r.table_name), 'districts', 'notification_settings'].sort();
}

/** How a row of a table names its district (settings through their person). */
const districtOf = (table: string) =>
  table === 'districts'
    ? 'id'
    : table === 'notification_settings'
      ? '(select district_id from users where users.id = user_id)'
      : 'district_id';

beforeAll(async () => {
  db = await openTestDatabase();
  [lakeview, hillcrest] = await Promise.all([buildDistrict(db), buildDistrict(db)]);
  await populate(lakeview);
  await populate(hillcrest);
});
afterAll(() => db.destroy());

const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

/**
 * A pool of one connection on the tests' Postgres: each query runs on the connection the one before used.
 * `onRoundTrip` hears each round trip's end, as Postgres reports it (ReadyForQuery).
 */
async function withOneConnection(
  work: (single: Db) => Promise<void>,
  preparedStatements = true,
  onRoundTrip?: () => void,
): Promise<void> {
  const single = knex({
    client: ScopedPgClient,
    connection: process.env.TEST_DATABASE_URL,
    pool: {
      min: 0,
      max: 1,
      afterCreate: (
        connection: { connection: { on(event: string, listener: () => void): void } },
        done: (err: Error | null, connection: unknown) => void,
      ) => {
        if (onRoundTrip) connection.connection.on('readyForQuery', onRoundTrip);
        done(null, connection);
      },
    },
    ...preparedStatementsConfig(preparedStatements),
  });
  try {
    await work(single);
  } finally {
    await single.destroy();
  }
}

describe('row-level security', () => {
  it('is on, with a policy, for every table of district data', async () => {
    const tables = await boundTables();
    expect(tables.length).toBeGreaterThan(30);
    const { rows } = (await db.raw(
      `select c.relname, c.relrowsecurity, exists (select 1 from pg_policies p where p.tablename = c.relname) as has_policy
         from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relname = any(?)`,
      [tables],
    )) as { rows: { relname: string; relrowsecurity: boolean; has_policy: boolean }[] };
    const unbound = rows.filter((r) => !r.relrowsecurity || !r.has_policy).map((r) => r.relname);
    expect(unbound).toEqual([]);
    expect(rows).toHaveLength(tables.length);
  });

  it('an unfiltered query as a Lakeview request sees none of Hillcrest’s rows, in every table, and all of its own', async () => {
    const seen: Record<string, { hillcrestRows: number; lakeviewRows: number; visibleOfHillcrest: number }> = {};
    for (const table of await boundTables()) {
      const count = async (executor: Db, districtId: string) =>
        Number(
          (
            (await executor(table)
              .whereRaw(`${districtOf(table)} = ?`, [districtId])
              .count('* as n')
              .first()) as { n: string }
          ).n,
        );
      const [hillcrestRows, lakeviewRows] = [await count(db, hillcrest.id), await count(db, lakeview.id)];
      const visible = await inDistrict(db, lakeview.id, async (trx) => {
        const all = await trx(table).select(db.raw(`${table === 'districts' ? 'id' : '1'} as x`));
        return {
          all: all.length,
          ofHillcrest: await count(trx, hillcrest.id),
          ofLakeview: await count(trx, lakeview.id),
        };
      });
      seen[table] = { hillcrestRows, lakeviewRows, visibleOfHillcrest: visible.ofHillcrest };
      expect({ table, visibleOfHillcrest: visible.ofHillcrest }).toEqual({ table, visibleOfHillcrest: 0 });
      expect({ table, visibleOfLakeview: visible.ofLakeview }).toEqual({ table, visibleOfLakeview: lakeviewRows });
      expect({ table, everythingVisible: visible.all }).toEqual({ table, everythingVisible: lakeviewRows });
    }
    // The test has teeth only where Hillcrest has rows: it has them in all but a few tables.
    const withoutRows = Object.entries(seen)
      .filter(([, s]) => s.hillcrestRows === 0)
      .map(([t]) => t);
    expect(withoutRows).toEqual(['district_sign_in', 'district_sign_in_domains']);
  });

  it('a Lakeview request can neither change Hillcrest’s rows nor write a row into Hillcrest', async () => {
    const updated = await inDistrict(db, lakeview.id, (trx) => trx('plans').update({ title: 'Taken over' }));
    const hillcrestTitles = (await db('plans').where({ district_id: hillcrest.id }).pluck('title')) as string[];
    expect(hillcrestTitles).not.toContain('Taken over');
    expect(updated).toBe(
      await db('plans')
        .where({ district_id: lakeview.id })
        .count('* as n')
        .first()
        .then((r) => Number(r?.n)),
    );

    const deleted = await inDistrict(db, lakeview.id, (trx) =>
      trx('schools').where({ district_id: hillcrest.id }).delete(),
    );
    expect(deleted).toBe(0);

    await expect(
      inDistrict(db, lakeview.id, (trx) => trx('schools').insert({ district_id: hillcrest.id, name: 'Planted' })),
    ).rejects.toMatchObject({ code: '42501' });
  });

  // These two are about the Postgres client (db/scoped-pg-client.ts), which the embedded database does not use.
  onPostgres(
    'binds only its own transaction: the pooled connection is the owner again, with no district, once it ends',
    async () => {
      const owner = ((await db.raw('select current_user as who')) as { rows: { who: string }[] }).rows[0]!.who;
      const inside = await inDistrict(
        db,
        lakeview.id,
        async (trx) =>
          (await trx.raw(`select current_user as who, current_setting('planner.district_id', true) as district`))
            .rows[0] as { who: string; district: string },
        { readOnly: true },
      );
      expect(inside).toEqual({ who: 'planner_app', district: lakeview.id });
      await withOneConnection(async (single) => {
        await inDistrict(single, lakeview.id, (trx) => trx('plans').count('* as n'), { readOnly: true });
        const after = (
          await single.raw(`select current_user as who, current_setting('planner.district_id', true) as district`)
        ).rows[0] as { who: string; district: string | null };
        expect(after.who).toBe(owner);
        expect(after.district ?? '').toBe('');
        await expect(
          inDistrict(
            single,
            lakeview.id,
            (trx) => trx('schools').insert({ district_id: lakeview.id, name: 'Read only' }),
            {
              readOnly: true,
            },
          ),
        ).rejects.toMatchObject({ code: '25006' });
      });
    },
  );

  onPostgres(
    'a transaction whose settings fail as it begins runs nothing, refuses its commit, and its connection goes back clean',
    async () => {
      await withOneConnection(async (single) => {
        const settings: BeginSettings = { role: 'no_such_role', 'planner.district_id': lakeview.id };
        const before = Number((await single('schools').count('* as n').first())?.n);
        let firstError: unknown;
        await expect(
          single.transaction(
            async (trx) => {
              // Work that carries on past the refusal of its first statement gets nothing more done.
              firstError = await trx('schools')
                .insert({ district_id: lakeview.id, name: 'Outside any scope' })
                .catch((err: unknown) => err);
              await trx('schools').insert({ district_id: lakeview.id, name: 'Outside any scope' });
            },
            { [beginSettings]: settings } as Knex.TransactionConfig,
          ),
        ).rejects.toMatchObject({ code: '22023' });
        expect(firstError).toMatchObject({ code: '22023' });
        expect(Number((await single('schools').count('* as n').first())?.n)).toBe(before);
        // The same (only) connection answers the next query as its owner: it was not left inside the transaction.
        expect((await single.raw('select current_user = session_user as owner')).rows[0]).toEqual({ owner: true });
      });
    },
  );

  onPostgres(
    'a district transaction begins in the round trip of its first query: a read is two round trips',
    async () => {
      let roundTrips = 0;
      await withOneConnection(
        async (single) => {
          const read = (district: TestDistrict) =>
            inDistrict(single, district.id, (trx) => trx('plans').select('district_id').options(preparedStatement), {
              readOnly: true,
            });
          await read(lakeview);
          roundTrips = 0;
          const plans = (await read(hillcrest)) as { district_id: string }[];
          expect(roundTrips).toBe(2);
          expect(plans.length).toBeGreaterThan(0);
          expect(new Set(plans.map((plan) => plan.district_id))).toEqual(new Set([hillcrest.id]));
          // A statement without values goes by the simple protocol: its begin goes first, alone.
          roundTrips = 0;
          await inDistrict(single, lakeview.id, (trx) => trx.raw('select 1'), { readOnly: true });
          expect(roundTrips).toBe(3);
        },
        true,
        () => (roundTrips += 1),
      );
    },
  );

  onPostgres(
    'a read of statements apart: each statement begins and commits in its own round trip, in its district',
    async () => {
      let roundTrips = 0;
      const school = (await db('schools').where({ district_id: hillcrest.id }).first('id', 'name')) as {
        id: string;
        name: string;
      };
      const nextQueryAnswers = async () => {
        const { rows } = await single!.raw(
          `select ?::int as n, current_user = session_user as owner, current_setting('transaction_read_only') as read_only`,
          [1],
        );
        expect(rows).toEqual([{ n: 1, owner: true, read_only: 'off' }]);
      };
      let single: Db | undefined;
      await withOneConnection(
        async (one) => {
          single = one;
          const schoolName = (trx: Knex.Transaction) =>
            trx('schools').first('name', 'district_id').where({ id: school.id }).options(preparedStatement);
          const apart = { readOnly: true, statementsApart: true };
          await inDistrict(one, hillcrest.id, schoolName, apart);
          roundTrips = 0;
          const seen = await inDistrict(
            one,
            hillcrest.id,
            async (trx) => {
              const before = (await schoolName(trx)) as { name: string };
              // Committed elsewhere between the two statements: the second sees it (its own snapshot).
              await db('schools')
                .where({ id: school.id })
                .update({ name: `${school.name} (renamed)` });
              const after = (await schoolName(trx)) as { name: string; district_id: string };
              // Still bound to the district: another district's rows are out of sight.
              const others = await trx('schools')
                .whereNot({ district_id: hillcrest.id })
                .select('id')
                .options(preparedStatement);
              return { before: before.name, after: after.name, others: others.length };
            },
            apart,
          );
          expect(seen).toEqual({ before: school.name, after: `${school.name} (renamed)`, others: 0 });
          // One round trip a statement, the commit of the last included: none for the transaction's end.
          expect(roundTrips).toBe(3);
          await nextQueryAnswers();
          // A statement that fails ends its transaction (rolled back); the connection goes on as its owner.
          await expect(
            inDistrict(one, hillcrest.id, (trx) => trx.raw('select 1 / ?::int as n', [0]), apart),
          ).rejects.toMatchObject({ code: '22012' });
          await nextQueryAnswers();
          // A session check goes with the first statement alone; one that fails refuses the read.
          const heard: string[] = [];
          const holding = { sql: `select 'this' as fingerprint`, expected: 'this', onHeld: () => heard.push('held') };
          roundTrips = 0;
          await inDistrict(one, hillcrest.id, async (trx) => [await schoolName(trx), await schoolName(trx)], {
            ...apart,
            check: holding,
          });
          expect([roundTrips, heard]).toEqual([2, ['held']]);
          await expect(
            inDistrict(one, hillcrest.id, schoolName, { ...apart, check: { ...holding, expected: 'other' } }),
          ).rejects.toBeInstanceOf(CheckFailed);
          await nextQueryAnswers();
        },
        true,
        () => (roundTrips += 1),
      );
      await db('schools').where({ id: school.id }).update({ name: school.name });
    },
  );

  onPostgres(
    'a session check that fails refuses a read, in its first query, and a write before its work runs',
    async () => {
      await withOneConnection(async (single) => {
        const failing = { sql: `select 'other' as fingerprint`, expected: 'this' };
        const holding = { sql: `select 'this' as fingerprint`, expected: 'this' };
        const readPlans = (trx: Knex.Transaction) => trx('plans').select('id').options(preparedStatement);
        let seen: unknown[] = [];
        await expect(
          inDistrict(
            single,
            lakeview.id,
            async (trx) => {
              // Work that carries on past the refusal of its first read sees nothing.
              seen.push(await readPlans(trx).catch(() => 'refused'));
              seen.push(await readPlans(trx));
            },
            { readOnly: true, check: failing },
          ),
        ).rejects.toBeInstanceOf(CheckFailed);
        expect(seen).toEqual(['refused']);
        // Work that turns the refusal into an error of its own is refused all the same, to be run again.
        await expect(
          inDistrict(
            single,
            lakeview.id,
            (trx) =>
              readPlans(trx).catch(() => {
                throw new Error('Not found');
              }),
            { readOnly: true, check: failing },
          ),
        ).rejects.toBeInstanceOf(CheckFailed);
        // A read that reads nothing is refused as it commits.
        await expect(
          inDistrict(single, lakeview.id, async () => 'answer', { readOnly: true, check: failing }),
        ).rejects.toBeInstanceOf(CheckFailed);
        seen = (await inDistrict(single, lakeview.id, readPlans, { readOnly: true, check: holding })) as unknown[];
        expect(seen.length).toBeGreaterThan(0);
        // The work hears that the check held (its answer may go out) before its first read's rows reach it.
        const heard: string[] = [];
        const read = async (trx: Knex.Transaction) => heard.push(`${(await readPlans(trx)).length > 0} rows`);
        await inDistrict(single, lakeview.id, read, {
          readOnly: true,
          check: { ...holding, onHeld: () => heard.push('held') },
        });
        await expect(
          inDistrict(single, lakeview.id, read, {
            readOnly: true,
            check: { ...failing, onHeld: () => heard.push('held') },
          }),
        ).rejects.toBeInstanceOf(CheckFailed);
        expect(heard).toEqual(['held', 'true rows']);

        let ran = false;
        await expect(
          inDistrict(
            single,
            lakeview.id,
            async () => {
              ran = true;
            },
            { check: failing },
          ),
        ).rejects.toBeInstanceOf(CheckFailed);
        expect(ran).toBe(false);
        expect((await single.raw('select current_user = session_user as owner')).rows[0]).toEqual({ owner: true });
      });
    },
  );

  onPostgres('a transaction refused as it begins leaves nothing behind on its connection', async () => {
    await withOneConnection(async (single) => {
      const readPlans = (executor: Db | Knex.Transaction) => executor('plans').select('id').options(preparedStatement);
      // The next statement on the connection runs, as its owner, outside any read-only transaction.
      const nextQueryAnswers = async () => {
        const { rows } = await single.raw(
          `select ?::int as n, current_user = session_user as owner, current_setting('transaction_read_only') as read_only`,
          [1],
        );
        expect(rows).toEqual([{ n: 1, owner: true, read_only: 'off' }]);
      };
      // The work gives up while its first read is on its way: its end is queued before the refusal is known.
      await expect(
        inDistrict(
          single,
          lakeview.id,
          (trx) => Promise.all([readPlans(trx), Promise.reject(new Error('Invalid input'))]),
          { readOnly: true, check: { sql: `select 'other' as fingerprint`, expected: 'this' } },
        ),
      ).rejects.toBeInstanceOf(CheckFailed);
      await nextQueryAnswers();
      // A check that fails with an error, in work that sent nothing.
      await expect(
        inDistrict(single, lakeview.id, async () => 'answer', {
          readOnly: true,
          check: { sql: `select (1 / 0)::text as fingerprint`, expected: 'this' },
        }),
      ).rejects.toMatchObject({ code: '22012' });
      await nextQueryAnswers();
      // A setting refused ahead of a prepared read: the read was never prepared, and is at its next use.
      const settings: BeginSettings = { role: 'no_such_role', 'planner.district_id': lakeview.id };
      await expect(
        single.transaction((trx) => readPlans(trx), { [beginSettings]: settings } as Knex.TransactionConfig),
      ).rejects.toMatchObject({ code: '22023' });
      expect((await readPlans(single)).length).toBeGreaterThan(0);
      await nextQueryAnswers();
    });
  });

  it('never writes a district id that is not a uuid into the statement that binds the request', async () => {
    const before = Number((await db('schools').count('* as n').first())?.n);
    await expect(
      inDistrict(db, `${lakeview.id}', true); delete from schools; select ('`, (trx) => trx('schools').count('* as n')),
    ).rejects.toThrow(
      process.env.TEST_DATABASE_URL ? 'A transaction scope needs a role name and a district uuid' : /uuid/,
    );
    expect(Number((await db('schools').count('* as n').first())?.n)).toBe(before);
  });

  onPostgres('a prepared read, planned once on a connection, keeps to the district of each request', async () => {
    await withOneConnection(async (single) => {
      // No district filter: only row-level security keeps each request to its own plans.
      const districtsSeen = (district: TestDistrict) =>
        inDistrict(single, district.id, async (trx) => {
          const { plans } = await readTogether(trx, { plans: trx('plans').select('district_id') });
          return [...new Set(plans.map((plan) => plan.district_id))];
        });
      // Postgres switches to a plan cached for any district after five runs: run past it, both ways.
      for (let i = 0; i < 4; i++) {
        expect(await districtsSeen(lakeview)).toEqual([lakeview.id]);
        expect(await districtsSeen(hillcrest)).toEqual([hillcrest.id]);
      }
      const { rows } = await single.raw(
        `select generic_plans + custom_plans as runs from pg_prepared_statements where name like 'planner_%'`,
      );
      expect(rows).toEqual([{ runs: '8' }]);
    });
  });

  onPostgres('a connection keeps at most 100 prepared statements and runs the rest unprepared', async () => {
    await withOneConnection(async (single) => {
      for (let i = 0; i < 105; i++) {
        const { n } = await readTogether(single, { n: single.raw(`select ?::int as n${i}`, [i]) });
        expect(n).toEqual([{ [`n${i}`]: i }]);
      }
      const { rows } = await single.raw(`select count(*)::int as n from pg_prepared_statements`);
      expect(rows).toEqual([{ n: 100 }]);
    });
  });

  onPostgres('with prepared statements off (behind an older pooler), the same reads run unprepared', async () => {
    await withOneConnection(async (single) => {
      const plans = await inDistrict(single, lakeview.id, (trx) =>
        readTogether(trx, { plans: trx('plans').select('district_id') }),
      );
      expect(new Set(plans.plans.map((plan) => plan.district_id))).toEqual(new Set([lakeview.id]));
      // Outside a transaction too, as the session read runs.
      expect(await single('districts').count('* as n').options(preparedStatement).first()).toBeDefined();
      const { rows } = await single.raw(`select count(*)::int as n from pg_prepared_statements`);
      expect(rows).toEqual([{ n: 0 }]);
    }, false);
  });

  it('a request bound to no district sees nothing at all', async () => {
    const visible = await db.transaction(async (trx) => {
      await trx.raw(`select set_config('role', 'planner_app', true)`);
      return trx('users').count('* as n').first();
    });
    expect(Number(visible?.n)).toBe(0);
  });
});
