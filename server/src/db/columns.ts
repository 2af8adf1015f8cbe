import { z } from 'zod';
import { toIsoDate } from './values';

/**
 * Rows whose columns are the fields of a shared zod schema in snake_case (stage tables, roles):
 * mapping both ways, normalising what node-postgres and PGlite hand back differently (bigint as a
 * string, dates as strings or Date) and sending arrays meant for jsonb as JSON.
 */
export const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Kind = 'number' | 'date' | 'json' | 'other';

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodNullable || inner instanceof z.ZodOptional)
    inner = inner.unwrap() as z.ZodType;
  return inner;
}

function kindOf(schema: z.ZodType, jsonFields: readonly string[], field: string): Kind {
  if (jsonFields.includes(field)) return 'json';
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) return 'number';
  if (inner instanceof z.ZodISODate) return 'date';
  return 'other';
}

export interface ColumnMap {
  fields: { field: string; column: string; kind: Kind }[];
}

/** Fields of `schema` in `jsonFields` are stored as jsonb; `skip` are not columns of the table at all. */
export function columnMap(
  schema: z.ZodObject,
  options: { jsonFields?: readonly string[]; skip?: readonly string[] } = {},
): ColumnMap {
  const json = options.jsonFields ?? [];
  return {
    fields: Object.entries(schema.shape as Record<string, z.ZodType>)
      .filter(([field]) => !(options.skip ?? []).includes(field))
      .map(([field, fieldSchema]) => ({ field, column: snake(field), kind: kindOf(fieldSchema, json, field) })),
  };
}

export function rowToFields(map: ColumnMap, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field, column, kind } of map.fields) {
    const value = row[column];
    if (value === null || value === undefined) out[field] = null;
    else if (kind === 'number') out[field] = Number(value);
    else if (kind === 'date') out[field] = toIsoDate(value as Date | string);
    else out[field] = value;
  }
  return out;
}

/** API fields -> columns, leaving out what the request did not send. */
export function fieldsToColumns(map: ColumnMap, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field, column, kind } of map.fields) {
    const value = values[field];
    if (value === undefined) continue;
    // node-postgres would send a JS array as a Postgres array literal, not as JSON.
    out[column] = kind === 'json' ? JSON.stringify(value) : value;
  }
  return out;
}
