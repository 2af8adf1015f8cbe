import { limits } from '@planner/shared/plan';
import { declarationOf, stageTableNames, stageTables } from '@planner/shared/stage-tables';
import type { z } from 'zod';
import type { Db } from '../src/db/knex';
import type { SignedInUser } from '../src/http/auth';
import { createPlan } from '../src/commands/create-plan';
import { loadPlan } from '../src/commands/load-plan';
import * as logicModel from '../src/features/logic-model/service';
import * as missteps from '../src/features/missteps/service';
import * as plans from '../src/features/plans/service';
import * as stakeholderInputs from '../src/features/stakeholder-inputs/service';
import * as tables from '../src/features/stage-tables/service';
import { maxRowsPerTable } from '@planner/shared/stage-tables';
import {
  maxLinksPerEntry,
  maxLogicModelEntries,
  maxGoalLength,
  maxProblemStatementLength,
  maxEntryTextLength,
} from '@planner/shared/logic-model';
import { maxMisstepsPerStage, misstepLimits } from '@planner/shared/misstep';
import { maxInputsPerPlan, maxShapedPerInput } from '@planner/shared/stakeholder-input';

/** Words of the scripts districts write in, so that every font is in the file. */
const words = [
  'teacher',
  'leaders',
  'Nguyễn',
  'maestra',
  'Учитель',
  'коуч',
  '教师',
  'リーダー',
  '교사',
  'מורה',
  'معلم',
  'शिक्षक',
];

const prose = (length: number, seed = 0): string => {
  let out = '';
  for (let i = seed; out.length < length; i++)
    out += `${words[(i * 7) % words.length]}${i % 97 === 96 ? '.\n\n' : ' '}`;
  return out.slice(0, length).trim() || 'x';
};

/** The longest text a field of a stage table takes (zod keeps the bound on the string schema). */
function maxLengthOf(schema: z.ZodType): number | null {
  let inner: unknown = schema;
  for (let i = 0; i < 4 && inner; i++) {
    const s = inner as { maxLength?: number | null; unwrap?: () => unknown; def?: { innerType?: unknown } };
    if (typeof s.maxLength === 'number') return s.maxLength;
    inner = s.def?.innerType ?? (typeof s.unwrap === 'function' ? s.unwrap() : undefined);
  }
  return null;
}

/**
 * A plan at the API's limits: each key question answered at the longest an answer may be, high-impact
 * actions up to the plan's limit of its own (with owners, dates and 2,000-character notes), and every
 * stage table full (200 rows of the table's example, named apart), every stage's missteps at their limit,
 * the logic model at its limit, and as many stakeholder inputs as a plan takes, each at its longest and
 * naming as many items as it may. With `longestFields`, every text field of every row at its longest too:
 * far beyond any plan a district writes.
 */
export async function buildWorstPlan(db: Db, user: SignedInUser, longestFields = false): Promise<string> {
  const created = await createPlan(db, user, { title: 'Plan at every limit', schoolYear: '2026-27' });
  const stageKeys = created.stages.map((s) => s.key);
  for (let i = 0; i < limits.customItemsPerPlan; i++) {
    await plans.addAction(db, user, created.id, {
      stageKey: stageKeys[i % stageKeys.length]!,
      text: prose(limits.actionText, i),
    });
  }
  const plan = await loadPlan(db, user.districtId, created.id);
  for (const [i, question] of plan.stages.flatMap((s) => s.questions).entries()) {
    await plans.saveAnswer(db, user, plan.id, question.key, {
      text: prose(limits.answer, i),
      version: question.answer.version,
    });
  }
  for (const [i, action] of plan.stages.flatMap((s) => s.actions).entries()) {
    await plans.updateAction(db, user, plan.id, action.id, {
      version: action.version,
      status: 'in_progress',
      ownerName: prose(limits.ownerName, i),
      dueDate: '2027-03-15',
      notes: prose(longestFields ? limits.notes : 2_000, i),
    });
  }
  for (const name of stageTableNames) {
    const declaration = declarationOf(name);
    const fields = stageTables[name].fields as Record<string, { schema: z.ZodType; kind: string }>;
    for (let row = 0; row < maxRowsPerTable; row++) {
      const values: Record<string, unknown> = { ...declaration.example };
      for (const [field, f] of Object.entries(fields)) {
        const max = maxLengthOf(f.schema);
        if (
          (f.kind === 'text' || f.kind === 'longText') &&
          max &&
          (longestFields || field === Object.keys(fields)[0])
        ) {
          values[field] = prose(longestFields ? max : Math.min(max, 60), row);
        }
      }
      const parsed = declaration.schema.safeParse(values);
      await tables.addRow(
        db,
        user,
        name,
        plan.id,
        parsed.success ? parsed.data : declaration.example,
        tables.plainRows(name),
      );
    }
  }
  for (const [s, stageKey] of stageKeys.entries()) {
    for (let i = 0; i < maxMisstepsPerStage; i++) {
      await missteps.addMisstep(db, user, plan.id, {
        stageKey,
        text: prose(misstepLimits.text, s * 100 + i),
        status: 'watched',
        note: prose(misstepLimits.note, i),
      });
    }
  }
  const full = await loadPlan(db, user.districtId, plan.id);
  const actionIds = full.stages.flatMap((st) => st.actions.map((a) => a.id));
  await logicModel.updateCanvas(db, user, plan.id, {
    problemStatement: prose(maxProblemStatementLength, 1),
    goal: prose(maxGoalLength, 2),
    version: (await logicModel.getLogicModel(db, user, plan.id)).canvas.version,
  });
  for (let i = 0; i < maxLogicModelEntries; i++) {
    await logicModel.addEntry(db, user, plan.id, {
      section: 'activity',
      horizon: null,
      text: prose(maxEntryTextLength, i),
      links: actionIds.slice(i % 100, (i % 100) + maxLinksPerEntry).map((id) => ({ kind: 'action', id })),
    });
  }
  const shapeable = [
    ...full.stages.flatMap((st) => st.questions.map((q) => ({ kind: 'answer' as const, id: q.key }))),
    ...actionIds.map((id) => ({ kind: 'action' as const, id })),
  ].slice(0, maxShapedPerInput);
  const stakeholderIds = full.tables.stakeholders.map((row) => row.id);
  for (let i = 0; i < maxInputsPerPlan; i++) {
    await stakeholderInputs.addInput(db, user, plan.id, stakeholderIds[i % stakeholderIds.length]!, {
      kind: 'meeting',
      heardOn: '2026-10-02',
      source: prose(300, i),
      summary: prose(5000, i),
      shaped: shapeable,
    });
  }
  return plan.id;
}
