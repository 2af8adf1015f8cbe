import type { Db } from '../server/src/db/knex';
import type { SignedInUser } from '../server/src/http/auth';
import { createPlan } from '../server/src/commands/create-plan';
import { hashPassword } from '../server/src/features/auth/service';
import * as plans from '../server/src/features/plans/service';
import { writeSamplePlan } from '../server/bench/sample-plan';

export const benchPassword = 'benchmark pass phrase of the admin';

export interface BenchDistrict {
  admin: SignedInUser;
  /** The full plan: every question answered, 40 actions, 20 roles, 15 measures with 12 readings, tables filled. */
  fullPlanId: string;
  /** A plan with 50 questions of the district's own, one per connection of the answer-save run. */
  savePlanId: string;
  saveQuestionKeys: string[];
}

/**
 * A large district through the app's own services: 100 plans, one of them full (the benchmark
 * plan), one with 50 questions for the save run, and the rest as new plans from the template.
 */
export async function seedLargeDistrict(db: Db): Promise<BenchDistrict> {
  const [district] = (await db('districts')
    .insert({ name: 'Benchmark School District' })
    .returning(['id', 'name', 'time_zone'])) as {
    id: string;
    name: string;
    time_zone: string;
  }[];
  const hash = await hashPassword(benchPassword);
  const people = (await db('users')
    .insert(
      ['Zoë Nguyễn', 'Sam Rivera', 'Ana Torres', 'Lee Park', 'Kim Okafor'].map((name, i) => ({
        district_id: district!.id,
        email: `person${i}@bench.test`,
        name,
        role: i === 0 ? 'district_admin' : 'viewer',
        // Only the admin signs in.
        password_hash: i === 0 ? hash : null,
      })),
    )
    .returning(['id', 'name', 'email'])) as { id: string; name: string; email: string }[];
  const admin: SignedInUser = {
    id: people[0]!.id,
    email: people[0]!.email,
    name: people[0]!.name,
    role: 'district_admin',
    districtId: district!.id,
    districtName: district!.name,
    districtTimeZone: district!.time_zone,
  };
  const schools = (await db('schools')
    .insert(['North', 'South', 'East', 'West'].map((n) => ({ district_id: district!.id, name: `${n} School` })))
    .returning('id')) as { id: string }[];

  const fullPlanId = await writeSamplePlan(db, admin, { people, schools, rowsPerTable: 8 });

  const save = await createPlan(db, admin, { title: 'Answer-save plan', schoolYear: '2026-27' });
  const saveQuestionKeys: string[] = [];
  for (let i = 0; i < 50; i++) {
    const question = await plans.addQuestion(db, admin, save.id, { stageKey: 'context', text: `Question ${i + 1}` });
    saveQuestionKeys.push(question.key);
  }
  for (let i = 0; i < 98; i++) {
    await createPlan(db, admin, { title: `Plan ${String(i + 1).padStart(2, '0')}`, schoolYear: '2026-27' });
  }
  return { admin, fullPlanId, savePlanId: save.id, saveQuestionKeys };
}
