import { declarationOf, plainTableNames } from '@planner/shared/stage-tables';
import type { Db } from '../server/src/db/knex';
import type { SignedInUser } from '../server/src/http/auth';
import { createPlan } from '../server/src/commands/create-plan';
import { loadPlan } from '../server/src/commands/load-plan';
import { hashPassword } from '../server/src/features/auth/service';
import * as measures from '../server/src/features/measures/service';
import * as plans from '../server/src/features/plans/service';
import * as roles from '../server/src/features/roles/service';
import * as tables from '../server/src/features/stage-tables/service';

export const benchPassword = 'benchmark pass phrase of the admin';

export interface BenchDistrict {
  admin: SignedInUser;
  /** The full plan: every question answered, 40 actions, 20 roles, 15 measures with 12 readings, tables filled. */
  fullPlanId: string;
  /** A plan with 50 questions of the district's own, one per connection of the answer-save run. */
  savePlanId: string;
  saveQuestionKeys: string[];
}

/** Believable text of a given length, with the accents districts type. */
export function prose(length: number, seed: number): string {
  const words = ['teacher', 'leaders', 'coach', 'Zoë', 'Nguyễn', 'literacy', 'principals', 'release', 'time'];
  const out: string[] = [];
  let n = 0;
  for (let i = seed; n < length; i++) {
    const word = words[(i * 7 + seed) % words.length]!;
    out.push(i % 23 === 0 ? `${word}.\n\n` : i % 11 === 0 ? `${word},` : word);
    n += word.length + 1;
  }
  return out.join(' ').slice(0, length);
}

/**
 * A large district through the app's own services: 100 plans, one of them full (the benchmark
 * plan), one with 50 questions for the save run, and the rest as new plans from the template.
 */
export async function seedLargeDistrict(db: Db): Promise<BenchDistrict> {
  const [district] = (await db('districts')
    .insert({ name: 'Benchmark School District' })
    .returning(['id', 'name'])) as {
    id: string;
    name: string;
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
  };
  const schools = (await db('schools')
    .insert(['North', 'South', 'East', 'West'].map((n) => ({ district_id: district!.id, name: `${n} School` })))
    .returning('id')) as { id: string }[];

  const full = await createPlan(db, admin, { title: 'Teacher leadership plan 2026-27', schoolYear: '2026-27' });
  const stageKeys = full.stages.map((s) => s.key);
  for (let i = 0; full.stages.flatMap((s) => s.actions).length + i < 40; i++) {
    await plans.addAction(db, admin, full.id, {
      stageKey: stageKeys[i % stageKeys.length]!,
      text: `District action ${i + 1}: ${prose(140, i)}`,
    });
  }
  const plan = await loadPlan(db, admin.districtId, full.id);
  let seed = 0;
  for (const question of plan.stages.flatMap((s) => s.questions)) {
    await plans.saveAnswer(db, admin, plan.id, question.key, {
      text: prose(2000, ++seed),
      version: question.answer.version,
    });
  }
  const statuses = ['not_started', 'in_progress', 'done', 'blocked'] as const;
  for (const [i, action] of plan.stages.flatMap((s) => s.actions).entries()) {
    await plans.updateAction(db, admin, plan.id, action.id, {
      version: action.version,
      status: statuses[i % statuses.length]!,
      ...(i % 3 === 0 ? { ownerName: 'Partner team' } : { ownerUserId: people[i % people.length]!.id }),
      dueDate: `2027-0${(i % 9) + 1}-15`,
      notes: prose(400, i),
    });
  }
  for (const name of plainTableNames) {
    const { example } = declarationOf(name);
    for (let i = 0; i < 8; i++) {
      const values = declarationOf(name).schema.parse({ ...example, ...titleOf(name, i) });
      await tables.addRow(db, admin, name, plan.id, values, tables.plainRows(name));
    }
  }
  const archetypes = ['coach', 'mentor', 'plc-facilitator', 'multi-classroom-leader', 'data-lead'];
  for (let i = 0; i < 20; i++) {
    await roles.createRole(db, admin, plan.id, {
      archetype: archetypes[i % archetypes.length]!,
      title: `Teacher-leader role ${i + 1}`,
      purpose: prose(600, i),
      positions: (i % 4) + 1,
      schoolIds: schools.slice(0, (i % 4) + 1).map((s) => s.id),
    });
  }
  for (let i = 0; i < 15; i++) {
    const measure = await tables.addRow(
      db,
      admin,
      'measures',
      plan.id,
      declarationOf('measures').schema.parse({
        name: `Measure ${i + 1}: ${prose(60, i)}`,
        term: i % 2 === 0 ? 'short' : 'long',
        unit: '%',
        baseline: 40,
        baselineDate: '2025-09-01',
        target: 70,
        targetDate: '2026-08-31',
        frequency: 'monthly',
        dataSource: 'State assessment',
        owner: 'Assessment office',
      }),
      tables.plainRows('measures'),
    );
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2025, 8 + month, 15)).toISOString().slice(0, 10);
      await measures.addReading(db, admin, plan.id, measure.id as string, {
        date,
        value: 40 + month * (2 + (i % 3)),
        note: '',
      });
    }
  }

  const save = await createPlan(db, admin, { title: 'Answer-save plan', schoolYear: '2026-27' });
  const saveQuestionKeys: string[] = [];
  for (let i = 0; i < 50; i++) {
    const question = await plans.addQuestion(db, admin, save.id, { stageKey: 'context', text: `Question ${i + 1}` });
    saveQuestionKeys.push(question.key);
  }
  for (let i = 0; i < 98; i++) {
    await createPlan(db, admin, { title: `Plan ${String(i + 1).padStart(2, '0')}`, schoolYear: '2026-27' });
  }
  return { admin, fullPlanId: full.id, savePlanId: save.id, saveQuestionKeys };
}

/** A distinct title for a stage-table row, in whichever field the table names its rows by. */
function titleOf(name: (typeof plainTableNames)[number], i: number): Record<string, unknown> {
  const { titleField } = declarationOf(name);
  const extra: Record<string, unknown> = name === 'priorities' ? { rank: i + 1 } : {};
  return { [titleField]: `${name} ${i + 1}: ${prose(40, i)}`, ...extra };
}
