import {
  declarationOf,
  fieldsOf,
  impliedDirection,
  rowProblems,
  rowTitle,
  stageTableCreateSchemas,
  stageTableUpdateSchemas,
  type FieldDeclaration,
  type RowMeta,
  type StageTableName,
} from '@planner/shared/stage-tables';
import type { PickablePerson } from '../../components/PersonOptions';
import type { FieldValues } from '../../lib/autosave/pending-edits';

/** How a field is shown and typed, from the table's declaration in shared/. */
export type FieldSpec = { field: string } & Omit<FieldDeclaration, 'schema'>;

/** A person a field can name: the district's people, the deactivated kept to show who held it. */
export type PersonChoice = PickablePerson;

/** Names of people by id, to show a person field in words. */
export const namesOf = (people: readonly PersonChoice[]): ReadonlyMap<string, string> =>
  new Map(people.map((person) => [person.id, person.name]));

/** A row of any stage table as the client handles it: its fields, id and version. */
export type StageRow = RowMeta & FieldValues;

export function fieldSpecs(name: StageTableName): FieldSpec[] {
  return fieldsOf(name).map(({ name: field, schema: _schema, ...spec }) => ({ field, ...spec }));
}

/** The field that names a row, shown as its title rather than among its facts. */
export const titleFieldOf = (name: StageTableName): string => declarationOf(name).titleField;

export const titleOf = (name: StageTableName, values: FieldValues): string => rowTitle(name, values);

/** The row's editable fields, without its id and version. */
export function fieldValuesOf(name: StageTableName, row: FieldValues): FieldValues {
  return Object.fromEntries(fieldSpecs(name).map(({ field }) => [field, row[field]]));
}

/** Required when adding: the fields the create schema fills no default in for. */
export function requiredFields(name: StageTableName): Set<string> {
  const issues = stageTableCreateSchemas[name].safeParse({}).error?.issues ?? [];
  return new Set(issues.map((issue) => String(issue.path[0])));
}

/**
 * The shared schema's message for one changed field, or undefined when the server would take it; with the
 * row's other values, what they break together too (a target date before the baseline date).
 */
export function fieldProblem(
  name: StageTableName,
  field: string,
  value: unknown,
  row: FieldValues = {},
): string | undefined {
  const result = stageTableUpdateSchemas[name].safeParse({ [field]: value, version: 1 });
  if (!result.success) return result.error.issues.find((issue) => issue.path[0] === field)?.message;
  return rowProblems(name, { ...row, [field]: value }, [field]).find((problem) => problem.field === field)?.message;
}

/** Whether the row's direction (a measure's) was chosen by a person: it is not what its numbers imply. */
export function directionChosen(name: StageTableName, row: FieldValues): boolean {
  const rule = declarationOf(name).direction;
  const direction = rule && row[rule.field];
  return (
    !!rule &&
    direction !== null &&
    direction !== undefined &&
    direction !== impliedDirection(row[rule.from], row[rule.to])
  );
}

/** Fields that only mean something together (a measure's baseline, target and direction), as the autosaver links them. */
export function linkedFieldsOf(name: StageTableName): string[][] {
  const rule = declarationOf(name).direction;
  return rule ? [[rule.from, rule.to, rule.field]] : [];
}

/**
 * A change of one field as it is sent: a measure's baseline or target brings the direction they now imply
 * along (none when they are equal or one is missing: a level to keep is the person's to choose), unless a
 * person chose the direction (`chosen`), which then holds and is checked against them.
 */
export function changeOf(
  name: StageTableName,
  row: FieldValues,
  field: string,
  value: unknown,
  chosen: boolean,
): FieldValues {
  const rule = declarationOf(name).direction;
  if (!rule || chosen || (field !== rule.from && field !== rule.to)) return { [field]: value };
  const next = { ...row, [field]: value };
  const implied = impliedDirection(next[rule.from], next[rule.to]);
  return implied !== (row[rule.field] ?? null) ? { [field]: value, [rule.field]: implied } : { [field]: value };
}
