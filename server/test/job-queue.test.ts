import pino from 'pino';
import type { Db } from '../src/db/knex';
import { openDatabase } from '../src/db/knex';
import { sqlExecutor } from '../src/db/sql-executor';
import { startJobs, type JobRunner } from '../src/jobs/runner';
import { noMail } from '../src/mail/mailer';
import { buildPlan, type TestDistrict } from './support/factories';
import { openScratchDatabase } from './support/test-database';
import { startTestApp, twoDistrictsSignedIn, type SignedInAgent, type TestApp } from './support/test-app';

/**
 * The job queue (pg-boss) sends its statements on the app's own connections (db/sql-executor.ts): one of
 * them failing must never leave a connection that fails the requests given it afterwards.
 */

let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

/** Two server processes need a database each can reach: the embedded one lives inside one process. */
const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

it('a job-queue statement that fails inside its transaction leaves every request after it answered', async () => {
  const { plan } = await buildPlan(t.db, lakeview);
  // As pg-boss sends its schema changes: a transaction in one text, here failing half-way.
  await expect(sqlExecutor(t.db).executeSql('BEGIN; SELECT 1; SELECT 1 / 0; COMMIT;')).rejects.toThrow(
    /division by zero/,
  );
  // More requests at once than connections the pool had open, so the one the statement used serves some.
  const answers = await Promise.all(Array.from({ length: 12 }, () => admin.agent.get(`/api/plans/${plan.id}`)));
  expect(answers.map((res) => res.status)).toEqual(Array(12).fill(200));
});

describe('two server processes', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  const pools: Db[] = [];
  const runners: JobRunner[] = [];
  beforeAll(async () => {
    scratch = await openScratchDatabase();
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await Promise.all(pools.map((pool) => pool.destroy()));
    await scratch.drop();
  });

  onPostgres(
    'starting together on a new database both start their job queue, and every connection still serves',
    async () => {
      const url = (scratch.db.client.config as { connection: string }).connection;
      pools.push(openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url }));
      const logger = pino({ level: 'silent' });
      // Both install the queue's schema: pg-boss expects the later one to fail, and goes on.
      const started = await Promise.allSettled(
        pools.map((db) => startJobs({ db, mailer: noMail, publicUrl: 'https://planner.example.org', logger })),
      );
      for (const result of started) if (result.status === 'fulfilled') runners.push(result.value);
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual([
        'started',
        'started',
      ]);
      for (const db of pools) {
        const answers = await Promise.allSettled(Array.from({ length: 12 }, () => db.raw('select 1 as one')));
        expect(answers.map((answer) => (answer.status === 'rejected' ? String(answer.reason) : 'answered'))).toEqual(
          Array(12).fill('answered'),
        );
      }
    },
  );
});
