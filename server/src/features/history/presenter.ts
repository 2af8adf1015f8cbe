import { formatCents, formatDate, formatNumber } from '@planner/shared/format';
import type { HistoryEntry, HistoryKind } from '@planner/shared/history';
import {
  entryPlace,
  logicModelLinkKindLabels,
  logicModelSectionLabels,
  outputHorizonLabels,
  type LogicModelLinkKind,
  type LogicModelSection,
} from '@planner/shared/logic-model';
import { alignmentAnswerLabels, alignmentFactorLabels } from '@planner/shared/alignment';
import { misstepStatusLabels } from '@planner/shared/misstep';
import { actionStatusLabels, planStatusLabels } from '@planner/shared/plan';
import {
  decidedLaterFields,
  fieldModeLabel,
  fieldModeLabels,
  notYetDecided,
  payFundingLabels,
  payKindLabels,
  roleFieldLabels,
  roleKindLabels,
  roleStatusLabels,
  type RoleFieldName,
} from '@planner/shared/role';
import { readinessIndicator, readinessLevelLabels, type ReadinessLevel } from '@planner/shared/readiness';
import { roadmapTemplate, type StageKey } from '@planner/shared/roadmap';
import { inputFieldLabels, inputKindLabels, inputLabel, shapedKindLabels } from '@planner/shared/stakeholder-input';
import {
  fieldsOf,
  formatFieldValue,
  rowTitle,
  stageTableNames,
  type StageTableName,
} from '@planner/shared/stage-tables';
import { snake } from '../../db/columns';
import { toIsoDateTime } from '../../db/values';
import type { ChangeRow } from './repo';

/** What the history needs to name things that are not in the changed row itself. */
export interface Lookups {
  people: ReadonlyMap<string, string>;
  schools: ReadonlyMap<string, string>;
  /** Titles of the plan's priorities, names of its measures, titles of its roles, by id. */
  priorities: ReadonlyMap<string, string>;
  measures: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
}

type Row = Record<string, unknown>;
const none = new Map<string, string>();
const noLookups: Lookups = { people: none, schools: none, priorities: none, measures: none, roles: none };
type Words = (value: unknown, row: Row, lookups: Lookups) => string;

const text: Words = (v) => (v === null || v === undefined ? '' : String(v));
const plain: Words = (v) => (typeof v === 'number' ? formatNumber(v) : text(v, {}, noLookups));
const yesNo: Words = (v) => (v === true ? 'Yes' : v === false ? 'No' : '');
const day: Words = (v) => (typeof v === 'string' ? formatDate(v) : '');
const number: Words = (v) => (typeof v === 'number' ? formatNumber(v) : '');
const cents: Words = (v) => (typeof v === 'number' || typeof v === 'string' ? formatCents(Number(v)) : '');
const choice =
  (labels: Record<string, string>): Words =>
  (v) =>
    typeof v === 'string' ? (labels[v] ?? v) : '';

interface FieldWords {
  column: string;
  field: string;
  label: string;
  words: Words;
  /** Where the value is in the row, when not its column alone (one key of a jsonb column). */
  at?: (row: Row) => unknown;
  /** What no value reads as, beside a value it had or took in a change (a mode "Not decided"). */
  unset?: string;
}

const templateText = new Map(
  roadmapTemplate.flatMap((s) => [...s.questions, ...s.actions].map((i) => [i.key, i.text])),
);

const questionFields: FieldWords[] = [
  { column: 'text', field: 'text', label: 'Question', words: text },
  { column: 'not_applicable', field: 'notApplicable', label: 'Not applicable', words: yesNo },
];
const answerFields: FieldWords[] = [{ column: 'answer_text', field: 'text', label: 'Answer', words: text }];
const actionFields: FieldWords[] = [
  { column: 'text', field: 'text', label: 'Action', words: text },
  { column: 'status', field: 'status', label: 'Status', words: choice(actionStatusLabels) },
  {
    column: 'owner_user_id',
    field: 'ownerUserId',
    label: 'Owner',
    words: (v, _row, l) => (typeof v === 'string' ? (l.people.get(v) ?? 'A former user') : ''),
  },
  { column: 'owner_name', field: 'ownerName', label: 'Owner (typed)', words: text },
  { column: 'due_date', field: 'dueDate', label: 'Due date', words: day },
  { column: 'notes', field: 'notes', label: 'Notes', words: text },
  { column: 'not_applicable', field: 'notApplicable', label: 'Not applicable', words: yesNo },
];
const planFields: FieldWords[] = [
  { column: 'title', field: 'title', label: 'Title', words: text },
  { column: 'school_year', field: 'schoolYear', label: 'School year', words: text },
  { column: 'status', field: 'status', label: 'Status', words: choice(planStatusLabels) },
  {
    column: 'average_teacher_cost_cents',
    field: 'averageTeacherCostCents',
    label: 'Average teacher cost',
    words: cents,
  },
  { column: 'contract_days', field: 'contractDays', label: 'Contract days', words: number },
];
const readingFields: FieldWords[] = [
  { column: 'date', field: 'date', label: 'Date', words: day },
  { column: 'value', field: 'value', label: 'Value', words: number },
  { column: 'note', field: 'note', label: 'Note', words: text },
];

const logicModelFields: FieldWords[] = [
  { column: 'problem_statement', field: 'problemStatement', label: 'Problem statement', words: text },
  { column: 'goal', field: 'goal', label: 'Goal', words: text },
];
/** An entry's links as the names they had when saved, one a line. */
const linkList: Words = (v) =>
  Array.isArray(v)
    ? v
        .map((l) => {
          const link = l as { kind?: string; label?: string };
          return `${logicModelLinkKindLabels[link.kind as LogicModelLinkKind] ?? 'Item'}: ${link.label ?? ''}`;
        })
        .join('\n')
    : '';
const logicModelEntryFields: FieldWords[] = [
  { column: 'section', field: 'section', label: 'Part of the model', words: choice(logicModelSectionLabels) },
  {
    column: 'horizon',
    field: 'horizon',
    label: 'Expected',
    words: (v) => (typeof v === 'number' ? (outputHorizonLabels[v as 1 | 3 | 12] ?? '') : ''),
  },
  { column: 'text', field: 'text', label: 'Entry', words: text },
  { column: 'links', field: 'links', label: 'Linked to', words: linkList },
];
const misstepFields: FieldWords[] = [
  { column: 'text', field: 'text', label: 'Misstep', words: text },
  { column: 'status', field: 'status', label: 'Status', words: choice(misstepStatusLabels) },
  { column: 'note', field: 'note', label: 'Note', words: text },
];
const alignmentFields: FieldWords[] = [
  { column: 'answer', field: 'answer', label: 'Answer', words: choice(alignmentAnswerLabels) },
  { column: 'note', field: 'note', label: 'Note', words: text },
];
const inputFields: FieldWords[] = [
  { column: 'kind', field: 'kind', label: inputFieldLabels.kind, words: choice(inputKindLabels) },
  { column: 'heard_on', field: 'heardOn', label: inputFieldLabels.heardOn, words: day },
  { column: 'source', field: 'source', label: inputFieldLabels.source, words: text },
  { column: 'summary', field: 'summary', label: inputFieldLabels.summary, words: text },
  {
    column: 'shaped',
    field: 'shaped',
    label: inputFieldLabels.shaped,
    // The items by kind (their names may have changed or gone since): "Answer, Measure".
    words: (v) =>
      Array.isArray(v)
        ? v
            .map((r) => {
              const kind = String((r as { kind?: unknown }).kind ?? '');
              return shapedKindLabels[kind as keyof typeof shapedKindLabels] ?? kind;
            })
            .join(', ')
        : '',
  },
];

const level: Words = (v) =>
  typeof v === 'number' ? `${String(v)}: ${readinessLevelLabels[v as ReadinessLevel] ?? ''}` : '';
const readinessFields: FieldWords[] = [
  { column: 'rating', field: 'rating', label: 'Rating', words: level },
  { column: 'evidence', field: 'evidence', label: 'Evidence', words: text },
  { column: 'previous_rating', field: 'previousRating', label: 'Last year’s rating', words: level },
  {
    column: 'action_id',
    field: 'actionId',
    label: 'High-impact action',
    words: (v) => (typeof v === 'string' ? 'Made into an action' : ''),
  },
];

const roleWords: Partial<Record<RoleFieldName, Words>> = {
  kind: choice(roleKindLabels),
  payKind: choice(payKindLabels),
  payFunding: choice(payFundingLabels),
  stipendCents: cents,
  applicationOpens: day,
  applicationCloses: day,
  evaluatesStaff: yesNo,
  supervisesStaff: yesNo,
  developedJointly: yesNo,
  responsibilities: (v) =>
    Array.isArray(v) ? v.map((r, i) => `${i + 1}. ${String((r as { text?: unknown }).text ?? '')}`).join('\n') : '',
};
const linkFields = ['schoolIds', 'priorityIds', 'measureIds'];
const roleFields: FieldWords[] = [
  ...(Object.keys(roleFieldLabels) as RoleFieldName[])
    .filter((field) => !linkFields.includes(field))
    .map((field) => ({
      column: snake(field),
      field,
      label: roleFieldLabels[field],
      words: roleWords[field] ?? plain,
      ...((decidedLaterFields as readonly string[]).includes(field) ? { unset: notYetDecided } : {}),
    })),
  { column: 'status', field: 'status', label: 'Review status', words: choice(roleStatusLabels) },
  // Each field's mode is a change of its own, as it is made.
  ...(Object.keys(roleFieldLabels) as RoleFieldName[]).map((field) => ({
    column: 'field_modes',
    field: `fieldModes.${field}`,
    label: fieldModeLabel(field),
    words: choice(fieldModeLabels),
    at: (row: Row) => (row.field_modes as Record<string, unknown> | null | undefined)?.[field],
    unset: 'Not decided',
  })),
];

const tableBySql = new Map(stageTableNames.map((name) => [`plan_${snake(name)}`, name]));

function tableFields(name: StageTableName): FieldWords[] {
  return fieldsOf(name).map((f) => ({
    column: snake(f.name),
    field: f.name,
    label: f.label,
    words: (v, row, lookups) => formatFieldValue(f, v, fieldValues(name, row), lookups.people),
  }));
}

/** A stage-table row's columns as its declared fields (for the words of a value with a unit). */
function fieldValues(name: StageTableName, row: Row): Row {
  return Object.fromEntries(fieldsOf(name).map((f) => [f.name, row[snake(f.name)]]));
}

/** A link of a role: the school, priority or measure it names, in words. */
const links: Record<string, { field: string; label: string; column: string; lookup: keyof Lookups }> = {
  plan_role_schools: { field: 'schoolIds', label: roleFieldLabels.schoolIds, column: 'school_id', lookup: 'schools' },
  plan_role_priorities: {
    field: 'priorityIds',
    label: roleFieldLabels.priorityIds,
    column: 'priority_id',
    lookup: 'priorities',
  },
  plan_role_measures: {
    field: 'measureIds',
    label: roleFieldLabels.measureIds,
    column: 'measure_id',
    lookup: 'measures',
  },
};

function fieldsOfChange(row: ChangeRow): FieldWords[] {
  const table = tableBySql.get(row.item_table);
  if (table) return tableFields(table);
  switch (row.item_table) {
    case 'plans':
      return planFields;
    case 'plan_questions':
      return row.item_kind === 'answer' ? answerFields : questionFields;
    case 'plan_actions':
      return actionFields;
    case 'plan_measure_readings':
      return readingFields;
    case 'plan_roles':
      return roleFields;
    case 'plan_logic_models':
      return logicModelFields;
    case 'plan_logic_model_entries':
      return logicModelEntryFields;
    case 'plan_missteps':
      return misstepFields;
    case 'plan_role_alignment_answers':
      return alignmentFields;
    case 'plan_stakeholder_inputs':
      return inputFields;
    case 'readiness_ratings':
      return readinessFields;
    default:
      return [];
  }
}

function labelOf(row: ChangeRow, item: Row, lookups: Lookups): string {
  const table = tableBySql.get(row.item_table);
  if (table) return rowTitle(table, fieldValues(table, item));
  const own = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  switch (row.item_table) {
    case 'plans':
      return text(item.title, item, lookups);
    case 'plan_questions':
    case 'plan_actions':
      return own(item.text) ?? templateText.get(String(item.template_key)) ?? '';
    case 'plan_measure_readings':
      return `${lookups.measures.get(String(item.measure_id)) ?? 'A removed measure'}: reading of ${day(item.date, item, lookups)}`;
    case 'plan_roles':
      return text(item.title, item, lookups);
    case 'plan_logic_models':
      return 'Logic model';
    case 'plan_logic_model_entries':
      return `Logic model, ${entryPlace({
        section: item.section as LogicModelSection,
        horizon: typeof item.horizon === 'number' ? item.horizon : null,
      }).toLowerCase()}: ${text(item.text, item, lookups)}`;
    case 'plan_missteps':
      return text(item.text, item, lookups);
    case 'plan_role_alignment_answers':
      return `${lookups.roles.get(String(item.role_id)) ?? 'A removed role'}: ${choice(alignmentFactorLabels)(item.factor, item, lookups)}`;
    case 'plan_stakeholder_inputs':
      return inputLabel(item);
    case 'readiness_ratings': {
      const scope =
        typeof item.school_id === 'string'
          ? (lookups.schools.get(item.school_id) ?? 'A removed school')
          : 'The district';
      return `Readiness: ${readinessIndicator(String(item.indicator_key))?.title ?? ''} (${scope})`;
    }
    default:
      return lookups.roles.get(row.item_id) ?? 'A removed role';
  }
}

const operations = { insert: 'created', update: 'changed', delete: 'removed' } as const;

/** A change of the history, in words: who, when, which item, each field as it was and as it became. */
export function presentChange(row: ChangeRow, lookups: Lookups): HistoryEntry {
  const before = row.before ?? {};
  const after = row.after ?? {};
  const item = row.after ?? row.before ?? {};
  const link = links[row.item_table];
  let changes: HistoryEntry['changes'];
  if (link) {
    const name = (r: Row) => lookups[link.lookup].get(String(r[link.column])) ?? 'A removed item';
    changes = [
      {
        field: link.field,
        label: link.label,
        before: row.before ? name(before) : '',
        after: row.after ? name(after) : '',
      },
    ];
  } else {
    const valueOf = (f: FieldWords, r: Row) => (f.at ? f.at(r) : r[f.column]);
    const wordsOf = (f: FieldWords, r: Row) =>
      f.words(valueOf(f, r), r, lookups) || (row.operation === 'update' ? (f.unset ?? '') : '');
    changes = fieldsOfChange(row)
      .filter(
        (f) => row.operation !== 'update' || JSON.stringify(valueOf(f, before)) !== JSON.stringify(valueOf(f, after)),
      )
      .map((f) => ({
        field: f.field,
        label: f.label,
        before: row.before ? wordsOf(f, before) : '',
        after: row.after ? wordsOf(f, after) : '',
      }))
      .filter((c) => c.before !== '' || c.after !== '');
  }
  const table = tableBySql.get(row.item_table) ?? null;
  return {
    id: String(row.id),
    at: toIsoDateTime(row.created_at),
    actor: row.actor_id ? { id: row.actor_id, name: lookups.people.get(row.actor_id) ?? 'A former user' } : null,
    kind: row.item_kind as HistoryKind,
    table,
    itemId: row.item_id,
    itemLabel: labelOf(row, item, lookups),
    stageKey: (row.stage_key as StageKey | null) ?? null,
    operation: operations[row.operation],
    changes,
    // A role's single link is restored with its role, not on its own.
    restorable: !link,
  };
}
