import { z } from 'zod';
import { stageTables, type StageTableDefinition, type StageTableName } from '@planner/shared/stage-tables';
import { toIsoDate, toIsoDateTime } from '../../db/values';

/** Table of each stage table; columns are the fields in snake_case. */
export const sqlTables: Record<StageTableName, string> = {
  priorities: 'plan_priorities',
  stakeholders: 'plan_stakeholders',
  fundingSources: 'plan_funding_sources',
  dataSystems: 'plan_data_systems',
  expertise: 'plan_expertise',
  collaborationAreas: 'plan_collaboration_areas',
  measures: 'plan_measures',
  decisions: 'plan_decisions',
  partners: 'plan_partners',
};

/** How rows of a table are listed: priorities by rank, everything else in the order they were added. */
export const sqlOrder: Partial<Record<StageTableName, string>> = { priorities: 'rank asc nulls last, created_at asc' };

export const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Kind = 'number' | 'date' | 'other';

function kindOf(schema: z.ZodType): Kind {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  if (inner instanceof z.ZodNumber) return 'number';
  if (inner instanceof z.ZodISODate) return 'date';
  return 'other';
}

export function fieldsOf(name: StageTableName): { field: string; column: string; kind: Kind }[] {
  const def = stageTables[name] as StageTableDefinition;
  return Object.entries(def.fields.shape as Record<string, z.ZodType>).map(([field, schema]) => ({
    field,
    column: snake(field),
    kind: kindOf(schema),
  }));
}

export type DbRow = Record<string, unknown> & { id: string; version: number; updated_at: Date | string; created_at: Date | string };

/**
 * A database row as the API shows it. Postgres bigint arrives as a string from node-postgres and dates
 * differ between node-postgres and PGlite, so numbers and dates are normalised here.
 */
export function presentRow(name: StageTableName, row: DbRow): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id, version: row.version, updatedAt: toIsoDateTime(row.updated_at) };
  for (const { field, column, kind } of fieldsOf(name)) {
    const value = row[column];
    if (value === null || value === undefined) out[field] = null;
    else if (kind === 'number') out[field] = Number(value);
    else if (kind === 'date') out[field] = toIsoDate(value as Date | string);
    else out[field] = value;
  }
  return out;
}

/** API fields -> columns, leaving out what the request did not send. */
export function toColumns(name: StageTableName, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field, column } of fieldsOf(name)) {
    if (values[field] !== undefined) out[column] = values[field];
  }
  return out;
}
