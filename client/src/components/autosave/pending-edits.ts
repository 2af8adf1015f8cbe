/**
 * Edits not yet confirmed by the server, kept in localStorage so that they survive going offline,
 * a crash or a reload. Each entry describes its own request, so it can be sent even when the item
 * is not on screen.
 */
export type FieldValues = Record<string, unknown>;

export interface PendingEdit {
  method: 'PUT' | 'PATCH';
  path: string;
  /** The changed fields only; sent with `version`. */
  changes: FieldValues;
  /** The version these changes were made on. */
  baseVersion: number;
  storedAt: string;
}

const prefix = 'planner.pending-edit:';

export function readPendingEdit(key: string): PendingEdit | null {
  try {
    const raw = window.localStorage.getItem(prefix + key);
    return raw === null ? null : parsePendingEdit(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function writePendingEdit(key: string, edit: PendingEdit): void {
  try {
    window.localStorage.setItem(prefix + key, JSON.stringify(edit));
  } catch {
    // Storage full or disabled (private mode): the edit still lives in the page until sent.
  }
}

export function removePendingEdit(key: string): void {
  try {
    window.localStorage.removeItem(prefix + key);
  } catch {
    // Nothing to remove when storage is unavailable.
  }
}

/** Keys (without the storage prefix) of the stored edits whose key starts with `keyPrefix`. */
export function listPendingEditKeys(keyPrefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix + keyPrefix)) keys.push(key.slice(prefix.length));
    }
  } catch {
    return [];
  }
  return keys;
}

function parsePendingEdit(value: unknown): PendingEdit | null {
  if (typeof value !== 'object' || value === null) return null;
  const edit = value as Partial<PendingEdit>;
  if (edit.method !== 'PUT' && edit.method !== 'PATCH') return null;
  if (typeof edit.path !== 'string' || !edit.path.startsWith('/api/')) return null;
  if (typeof edit.changes !== 'object' || edit.changes === null) return null;
  if (typeof edit.baseVersion !== 'number') return null;
  return {
    method: edit.method,
    path: edit.path,
    changes: edit.changes,
    baseVersion: edit.baseVersion,
    storedAt: typeof edit.storedAt === 'string' ? edit.storedAt : new Date().toISOString(),
  };
}
