import type { FieldValues } from './pending-edits';

/**
 * A field named `fieldModes.term` is one key of an object field (a role's field modes): each key is saved, compared
 * and resolved in a conflict as a field of its own, so that two people who change two keys both keep theirs. It is
 * sent as that key alone, `{ fieldModes: { term } }`, which the server takes as a change of that key only.
 */
export function requestBody(changes: FieldValues): FieldValues {
  const body: FieldValues = {};
  for (const [field, value] of Object.entries(changes)) {
    const dot = field.indexOf('.');
    if (dot < 0) {
      body[field] = value;
      continue;
    }
    const [parent, key] = [field.slice(0, dot), field.slice(dot + 1)];
    const parts = body[parent];
    body[parent] = { ...(isRecord(parts) ? parts : {}), [key]: value };
  }
  return body;
}

/**
 * A row as the server sent it, with the keys of its object fields that `fields` names as fields of their own (see
 * requestBody): a key the object lacks holds nothing (null). For comparing an edit stored on the device with the
 * row someone else saved.
 */
export function withKeysAsFields(row: unknown, fields: readonly string[]): unknown {
  if (!isRecord(row)) return row;
  const added = fields.flatMap((field) => {
    const dot = field.indexOf('.');
    if (dot < 0 || field in row) return [];
    const parts = row[field.slice(0, dot)];
    return isRecord(parts) ? [[field, parts[field.slice(dot + 1)] ?? null]] : [];
  });
  return added.length === 0 ? row : { ...row, ...Object.fromEntries(added) };
}

function isRecord(value: unknown): value is FieldValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
