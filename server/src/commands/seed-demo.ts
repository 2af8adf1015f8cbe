import type { Logger } from 'pino';
import { demoPassword, seedDemo } from '../../../migrations/demo-seed';
import type { Db } from '../db/knex';
import type { SignedInUser } from '../http/auth';
import { hashPassword } from '../features/auth/service';
import * as logicModel from '../features/logic-model/service';
import * as plans from '../features/plans/service';
import * as readiness from '../features/readiness/service';

const demoAnswers: Record<string, string> = {
  'design.q1':
    'Early literacy is our first priority: only 48% of third graders read on grade level. Teacher leaders who coach ' +
    'K-3 teams on the science of reading, with time released to model lessons, can advance it school by school.',
  'design.q2':
    'Yes. The roles are designed around the literacy priority and the schools that need it most, not as a reward: ' +
    'each role has responsibilities, reach and measures tied to student reading growth.',
};

/** Seeds the demo districts, and Lakeview's plan under way, on an empty database; never called in production. */
export async function seedDemoIfEmpty(db: Db, logger: Logger): Promise<boolean> {
  const row = (await db('districts').count<{ count: string | number }[]>('* as count').first())!;
  if (Number(row.count) > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction((trx) => seedDemoData(trx, passwordHash));
  logger.info('Seeded the demo districts: sign in as admin@lakeview.test with the password lakeview-demo');
  return true;
}

async function seedDemoData(db: Db, passwordHash: string): Promise<void> {
  const lakeview = await seedDemo(db, passwordHash);

  // The plan goes through the same services a person's edits do.
  const admin: SignedInUser = {
    id: lakeview.admin.id,
    email: lakeview.admin.email,
    name: 'Dana Whitfield',
    role: 'district_admin',
    districtId: lakeview.districtId,
    districtName: lakeview.districtName,
    districtTimeZone: lakeview.timeZone,
  };
  const plan = await plans.createPlan(db, admin, { title: 'Teacher Leadership Plan', schoolYear: '2026-27' });
  await plans.updatePlan(db, admin, plan.id, { status: 'active', version: plan.version });
  for (const [key, text] of Object.entries(demoAnswers))
    await plans.saveAnswer(db, admin, plan.id, key, { text, version: 1 });
  const core = await plans.loadPlanCore(db, admin.districtId, plan.id);
  const [first, second] = core.stages[0]!.actions;
  await plans.updateAction(db, admin, plan.id, first!.id, {
    status: 'done',
    ownerUserId: admin.id,
    version: first!.version,
  });
  await plans.updateAction(db, admin, plan.id, second!.id, {
    status: 'in_progress',
    ownerName: 'Superintendent’s cabinet',
    dueDate: '2026-12-15',
    version: second!.version,
  });
  // The district's own readiness, partly rated: one strength and two low ratings to act on.
  const ratings = [
    { indicatorKey: 'culture.vision', rating: 3, evidence: 'The board adopted the literacy priority in June.' },
    { indicatorKey: 'systems.funding', rating: 2, evidence: 'Stipends come from a three-year Title II grant.' },
    { indicatorKey: 'roles.principals', rating: 2, evidence: 'Two of four principals have shared leadership before.' },
  ] as const;
  for (const rating of ratings) await readiness.createRating(db, admin, plan.id, { schoolId: null, ...rating });

  // The logic model begun: the problem, the goal and the first steps, linked to the plan's actions.
  await logicModel.updateCanvas(db, admin, plan.id, {
    problemStatement:
      'Only 48% of our third graders read on grade level, and K-3 teachers have no one in their building to ' +
      'learn the science of reading from.',
    goal: '60% of third graders read on grade level by June 2028.',
    version: 1,
  });
  await logicModel.addEntry(db, admin, plan.id, {
    section: 'activity',
    horizon: null,
    text: 'Agree on the district priorities teacher leadership serves',
    links: [{ kind: 'action', id: first!.id }],
  });
  await logicModel.addEntry(db, admin, plan.id, {
    section: 'output',
    horizon: 3,
    text: 'Every K-3 team has met with a literacy coach at least ten times',
    links: [],
  });
}
