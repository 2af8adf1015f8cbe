import type { ApiError } from '../api';
import { fieldMessage } from '../form-errors';
import type { FieldValues } from './pending-edits';
import { sameValue } from './same-value';

/** The field a 400 names: `responsibilities` of `responsibilities.2.text`. */
export const topField = (path: string) => path.split('.')[0] ?? path;

export interface RefusedFields {
  /** Each refused field with the server's reason for it (the first it gave). */
  reasons: Record<string, string>;
  /** The server's reason for each part of a refused field it named (`responsibilities.2.text`), as it gave it. */
  at: Record<string, string>;
  /** The refused fields' values in the edit as it is now. */
  kept: FieldValues;
  /** The rest of the edit as it is now, to send again. */
  left: FieldValues;
}

/** The parts of `at` (see RefusedFields) that are not of the given fields. */
export function partsNotOf(at: Readonly<Record<string, string>>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(at).filter(([path]) => !fields.includes(topField(path))));
}

/**
 * A 400 naming fields of an edit that was sent (`sent`): those fields, set apart from the rest of the edit as it
 * is now (`pending`). A field changed since it was sent is not what was refused: it stays with the rest. Null
 * when the error names none of the fields sent.
 */
export function splitRefusedFields(error: ApiError, sent: FieldValues, pending: FieldValues): RefusedFields | null {
  // A key sent as a field of its own (`fieldModes.term`, see requestBody) is named as it was sent.
  const fieldOf = (path: string) => (path in sent ? path : topField(path));
  const named =
    error.status === 400 ? error.fieldErrors.filter((f) => f.in === 'body' && fieldOf(f.field) in sent) : [];
  if (named.length === 0) return null;
  const retyped = (field: string) => !sameValue(pending[field], sent[field]);
  const reasons: Record<string, string> = {};
  const at: Record<string, string> = {};
  for (const { field: path, message } of named) {
    const field = fieldOf(path);
    if (retyped(field)) continue;
    reasons[field] ??= message;
    if (path !== field) at[path] ??= message;
  }
  const kept: FieldValues = {};
  const left: FieldValues = {};
  for (const [field, value] of Object.entries(pending)) (field in reasons ? kept : left)[field] = value;
  return { reasons, at, kept, left };
}

/** "Due date must be between 1950 and 2100", "Measures of its success: one is not a measure of this plan". */
export function fieldReason(label: string | undefined, message: string): string {
  const named = label ?? 'This change';
  const sentence = fieldMessage(named, message) ?? message;
  return sentence.startsWith(named) ? sentence : `${named}: ${message}`;
}

/** "the action “Plan the PLC schedule”": how the notices name an item, its name cut short if long. */
export function itemNamed(noun: string, name: string): string {
  const short = name.length > 80 ? `${name.slice(0, 79).trimEnd()}…` : name;
  return short.trim() === '' ? `an untitled ${noun}` : `the ${noun} “${short}”`;
}

const itemsByPath: Record<string, string> = {
  actions: 'an action',
  answers: 'an answer',
  questions: 'a question',
  roles: 'a role',
  missteps: 'a misstep',
  entries: 'a logic-model entry',
  'logic-model': 'the logic model',
};

/** The item an edit kept without its name (stored before edits named theirs), from the path it is sent to. */
export function itemOfPath(path: string): string {
  const collection = path.split('/').findLast((segment) => segment in itemsByPath);
  return collection ? itemsByPath[collection]! : 'an item of this plan';
}

/** The plan's page for an edit kept without its page (stored before edits kept theirs): its first stage. */
export function pageOfPath(path: string): string {
  const plan = /^\/api\/plans\/([0-9a-f-]{36})\//.exec(path);
  return plan ? `/plans/${plan[1]!}` : '/plans';
}
