import pino from 'pino';
import request from 'supertest';
import { seedDemoIfEmpty } from '../src/commands/seed-demo';
import type { Db } from '../src/db/knex';
import { appOn, signIn } from './support/test-app';
import { openScratchDatabase } from './support/test-database';

let scratch: { db: Db; drop: () => Promise<void> };
beforeAll(async () => {
  scratch = await openScratchDatabase();
});
afterAll(() => scratch.drop());

describe('the demo districts', () => {
  it('are seeded once on an empty database, and each demo user signs in to their own district', async () => {
    const logger = pino({ level: 'silent' });
    expect(await seedDemoIfEmpty(scratch.db, logger)).toBe(true);
    expect(await seedDemoIfEmpty(scratch.db, logger)).toBe(false);
    const { app } = appOn(scratch.db);

    const expected = [
      ['admin@lakeview.test', 'district_admin', 'Lakeview School District', 0],
      ['principal@lakeview.test', 'principal', 'Lakeview School District', 2],
      ['principal2@lakeview.test', 'principal', 'Lakeview School District', 2],
      ['viewer@lakeview.test', 'viewer', 'Lakeview School District', 0],
      ['admin@hillcrest.test', 'district_admin', 'Hillcrest School District', 0],
    ] as const;
    for (const [email, role, districtName, schoolCount] of expected) {
      const { agent } = await signIn(app, email, 'lakeview-demo');
      const me = await agent.get('/api/auth/me');
      expect(me.body).toMatchObject({ user: { email, role }, district: { name: districtName } });
      expect(me.body.schools).toHaveLength(schoolCount);
    }
    const { agent } = await signIn(app, 'admin@lakeview.test', 'lakeview-demo');
    expect((await agent.get('/api/schools')).body.schools).toHaveLength(4);
    const hillcrest = await signIn(app, 'admin@hillcrest.test', 'lakeview-demo');
    expect((await hillcrest.agent.get('/api/schools')).body.schools).toHaveLength(0);
    expect((await hillcrest.agent.get('/api/plans')).body.plans).toEqual([]);

    const demoPlans = (await agent.get('/api/plans')).body.plans;
    expect(demoPlans).toHaveLength(1);
    expect(demoPlans[0]).toMatchObject({ title: 'Teacher Leadership Plan', schoolYear: '2026-27', status: 'active' });
    // Stage 1: both questions answered and one of two actions done.
    expect(demoPlans[0].progress.stages[0]).toMatchObject({
      answeredQuestions: 2,
      applicableQuestions: 2,
      doneActions: 1,
      applicableActions: 2,
    });
    expect(
      (await request(app).post('/api/auth/login').send({ email: 'admin@lakeview.test', password: 'wrong' })).status,
    ).toBe(401);
  });
});
