import pino from 'pino';
import request from 'supertest';
import type { Plan } from '@planner/shared/plan';
import { openDatabase, type Db } from '../src/db/knex';
import { migrateToLatest } from '../src/db/migrations';
import { buildDistrict, buildPlan, testPassword } from './support/factories';
import { createOwnCluster, type OwnCluster } from './support/own-cluster';
import { appOn, signIn, write, type SignedInAgent } from './support/test-app';

/** Postgres goes away under a running server, and comes back. */
describe('when the database is down', () => {
  let cluster: OwnCluster;
  let db: Db;
  let app: ReturnType<typeof appOn>['app'];
  let availability: ReturnType<typeof appOn>['availability'];
  const logLines: { level: number; msg: string }[] = [];
  let admin: SignedInAgent;
  let planId: string;
  let questionKey: string;

  beforeAll(async () => {
    cluster = await createOwnCluster('faults');
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    db = openDatabase({ databaseUrl: cluster.url, logger });
    await migrateToLatest(db);
    ({ app, availability } = appOn(db, { logger }));
    const district = await buildDistrict(db);
    const built = await buildPlan(db, district);
    planId = built.plan.id;
    questionKey = built.customQuestionKey;
    admin = await signIn(app, district.admin.email, testPassword);
  }, 60_000);

  afterAll(async () => {
    availability.stop();
    await db.destroy();
    cluster.drop();
  });

  const answerOf = async (who: SignedInAgent) => {
    const res = await who.agent.get(`/api/plans/${planId}`);
    const plan = res.body as Plan;
    return plan.stages.flatMap((s) => s.questions).find((q) => q.key === questionKey)?.answer;
  };

  it('answers 503 with Retry-After at once, says so in health, logs once, and recovers by itself', async () => {
    const before = await answerOf(admin);
    const saved = await write(admin, 'put', `/api/plans/${planId}/answers/${questionKey}`).send({
      text: 'Saved before the outage',
      version: before?.version,
    });
    expect(saved.status).toBe(200);

    cluster.stop();

    const took: number[] = [];
    const answers = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      const res =
        i % 2 === 0
          ? await admin.agent.get(`/api/plans/${planId}`)
          : await write(admin, 'put', `/api/plans/${planId}/answers/${questionKey}`).send({
              text: 'Written while the database was down',
              version: 1,
            });
      took.push(performance.now() - started);
      answers.push(res);
    }
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ code: 'service_unavailable', status: 503 });
    }
    // Nothing waits on a connection that cannot come: no request took anywhere near the pool's timeout.
    expect(Math.max(...took)).toBeLessThan(2000);
    console.log(
      `Database down: 20 requests answered 503; the first (which found the outage) in ${took[0]!.toFixed(1)} ms, ` +
        `the slowest of the others in ${Math.max(...took.slice(1)).toFixed(1)} ms.`,
    );

    const health = await request(app).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable', database: 'down' });

    const outageLines = logLines.filter((l) => l.level >= 50);
    expect(outageLines.map((l) => l.msg)).toEqual([
      'Database unreachable: the API answers 503 until it is back; checking every second',
    ]);

    cluster.start();
    const restarted = Date.now();
    const deadline = Date.now() + 20_000;
    let healthy = await request(app).get('/api/health');
    while (healthy.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      healthy = await request(app).get('/api/health');
    }
    expect(healthy.body).toEqual({ status: 'ok', database: 'up' });
    expect(logLines.some((l) => l.msg === 'Database reachable again: the API serves requests')).toBe(true);
    console.log(`Database back: the API answered again ${Date.now() - restarted} ms after Postgres was started.`);

    // The session made before the outage still works, the answer saved before it is there, and the
    // write refused during it changed nothing.
    const after = await answerOf(admin);
    expect(after?.text).toBe('Saved before the outage');
    expect(after?.version).toBe(saved.body.answer.version);
  }, 60_000);
});
