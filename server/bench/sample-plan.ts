import { declarationOf, plainTableNames } from '@planner/shared/stage-tables';
import type { Db } from '../src/db/knex';
import type { SignedInUser } from '../src/http/auth';
import { createPlan } from '../src/commands/create-plan';
import { loadPlan } from '../src/commands/load-plan';
import * as measures from '../src/features/measures/service';
import * as plans from '../src/features/plans/service';
import * as roles from '../src/features/roles/service';
import * as tables from '../src/features/stage-tables/service';

/** Believable text of a given length, with the accents and scripts districts type. */
export function prose(length: number, seed: number): string {
  const words = [
    'teacher',
    'leaders',
    'coach',
    'Zoë',
    'Nguyễn',
    'Łódź',
    'Ελληνικά',
    'Учитель',
    'literacy',
    'principals',
    'release',
    'time',
    'measures',
    'stipend',
    'cohort',
    'data',
  ];
  const out: string[] = [];
  let n = 0;
  for (let i = seed; n < length; i++) {
    const word = words[(i * 7 + seed) % words.length]!;
    out.push(i % 23 === 0 ? `${word}.\n\n` : i % 11 === 0 ? `${word},` : word);
    n += word.length + 1;
  }
  return out.join(' ').slice(0, length);
}

/** A distinct title for a stage-table row, in whichever field the table names its rows by. */
function titleOf(name: (typeof plainTableNames)[number], i: number): Record<string, unknown> {
  const { titleField } = declarationOf(name);
  const extra: Record<string, unknown> = name === 'priorities' ? { rank: i + 1 } : {};
  return { [titleField]: `${name} ${i + 1}: ${prose(40, i)}`, ...extra };
}

/**
 * The benchmarks' plan, through the app's own services: every key question answered with 2,000
 * characters, 40 high-impact actions with owners, due dates and notes, `rowsPerTable` rows in every
 * plain stage table, 20 role definitions and 15 measures with 12 readings each. Answers the plan's id.
 */
export async function writeSamplePlan(
  db: Db,
  admin: SignedInUser,
  options: { people: { id: string }[]; schools: { id: string }[]; rowsPerTable: number },
): Promise<string> {
  const { people, schools } = options;
  const created = await createPlan(db, admin, { title: 'Teacher leadership plan 2026-27', schoolYear: '2026-27' });
  const stageKeys = created.stages.map((s) => s.key);
  for (let i = 0; created.stages.flatMap((s) => s.actions).length + i < 40; i++) {
    await plans.addAction(db, admin, created.id, {
      stageKey: stageKeys[i % stageKeys.length]!,
      text: `District action ${i + 1}: ${prose(140, i)}`,
    });
  }
  const plan = await loadPlan(db, admin.districtId, created.id);
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
      ...(i % 3 === 0 ? { ownerName: 'Łódź partner team' } : { ownerUserId: people[i % people.length]!.id }),
      dueDate: `2027-0${(i % 9) + 1}-15`,
      notes: prose(400, i),
    });
  }
  for (const name of plainTableNames) {
    const { example } = declarationOf(name);
    for (let i = 0; i < options.rowsPerTable; i++) {
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
  return plan.id;
}
