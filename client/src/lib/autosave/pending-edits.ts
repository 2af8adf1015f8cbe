import type { KeyValueStore } from './environment';
import { sameValue } from './same-value';

/**
 * Edits not yet confirmed by the server, kept on the device so that they survive going offline, a
 * crash or a reload. Each entry describes its own request, so it can be sent even when the item is not
 * on screen, and names the person who typed it, so it is only ever sent in that person's session.
 */
export type FieldValues = Record<string, unknown>;

export interface PendingEdit {
  /** Who typed it. */
  userId: string;
  method: 'PUT' | 'PATCH';
  path: string;
  /** The changed fields only; sent with `version`. */
  changes: FieldValues;
  /** The version these changes were made on. */
  baseVersion: number;
  /**
   * What the changed fields, and those linked with them, held in that version: a conflict tells a field only this
   * person changed by it.
   */
  base?: FieldValues;
  /** The groups of fields that only mean something together, of those changed (see AutosaverConfig's `linked`). */
  linked?: string[][];
  /** The item, as the person reads it ("the action “Plan the PLC schedule”"), to say what a refusal was of. */
  item?: string;
  /** The changed fields' labels, which start the server's reasons for refusing them. */
  labels?: Record<string, string>;
  /** What the page showed of the item as the edit began (a role's status), sent for the server to check. */
  seen?: FieldValues;
  /** The page of the app where the item's fields are ("/plans/…/stages/design"), where a conflict is settled. */
  page?: string;
  storedAt: string;
}

const prefix = 'planner.pending-edit:';

/** The stored edits of one person; another person's entries are invisible to it. */
export class PendingEdits {
  constructor(
    private readonly store: KeyValueStore,
    readonly userId: string,
  ) {}

  read(key: string): PendingEdit | null {
    const raw = this.store.getItem(prefix + key);
    if (raw === null) return null;
    try {
      const edit = parsePendingEdit(JSON.parse(raw));
      return edit?.userId === this.userId ? edit : null;
    } catch {
      return null;
    }
  }

  write(key: string, edit: Omit<PendingEdit, 'userId' | 'storedAt'>): void {
    const entry: PendingEdit = { ...edit, userId: this.userId, storedAt: new Date().toISOString() };
    this.store.setItem(prefix + key, JSON.stringify(entry));
  }

  /**
   * Writes one tab's edit of the item field by field: what another tab of this person stored for it stays, with what
   * it was based on, but for the fields in `dropped` (those this tab stored and no longer has) that still hold them.
   */
  merge(key: string, edit: Omit<PendingEdit, 'userId' | 'storedAt'>, dropped: FieldValues = {}): void {
    const stored = this.read(key);
    const kept = stored ? fieldsLeft(stored, dropped, Object.keys(edit.changes)) : [];
    if (!stored || kept.length === 0) {
      this.write(key, edit);
      return;
    }
    const linked = [...(stored.linked ?? []), ...(edit.linked ?? [])].filter(
      (group, i, all) => all.findIndex((other) => other.join() === group.join()) === i,
    );
    const keptWithLinked = [...kept, ...kept.flatMap((field) => linked.filter((g) => g.includes(field)).flat())];
    this.write(key, {
      ...edit,
      changes: { ...pick(stored.changes, kept), ...edit.changes },
      // Sent on the older version, a 409 compares each field with what it was based on.
      baseVersion: Math.min(stored.baseVersion, edit.baseVersion),
      base: { ...pick(stored.base ?? {}, keptWithLinked), ...edit.base },
      ...(linked.length > 0 ? { linked } : {}),
      ...(stored.labels || edit.labels ? { labels: { ...pick(stored.labels ?? {}, kept), ...edit.labels } } : {}),
      ...((edit.seen ?? stored.seen) ? { seen: edit.seen ?? stored.seen } : {}),
    });
  }

  /**
   * Takes the fields of `sent` out of the item's stored edit where they still hold what was sent (another tab of this
   * person may have stored a later value since, to send in turn); the entry goes once none is left.
   */
  removeFields(key: string, sent: FieldValues): void {
    const stored = this.read(key);
    if (!stored) return;
    const kept = fieldsLeft(stored, sent, []);
    if (kept.length === 0) {
      this.store.removeItem(prefix + key);
      return;
    }
    if (kept.length === Object.keys(stored.changes).length) return;
    const { userId: _userId, storedAt: _storedAt, ...rest } = stored;
    this.write(key, {
      ...rest,
      changes: pick(stored.changes, kept),
      ...(stored.labels ? { labels: pick(stored.labels, kept) } : {}),
    });
  }

  remove(key: string): void {
    if (this.read(key)) this.store.removeItem(prefix + key);
  }

  /** Keys of this person's stored edits. */
  keys(): string[] {
    return this.store
      .keys()
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length))
      .filter((key) => this.read(key) !== null);
  }
}

function parsePendingEdit(value: unknown): PendingEdit | null {
  if (typeof value !== 'object' || value === null) return null;
  const edit = value as Partial<PendingEdit>;
  if (typeof edit.userId !== 'string') return null;
  if (edit.method !== 'PUT' && edit.method !== 'PATCH') return null;
  if (typeof edit.path !== 'string' || !edit.path.startsWith('/api/')) return null;
  if (typeof edit.changes !== 'object' || edit.changes === null) return null;
  if (typeof edit.baseVersion !== 'number') return null;
  const labels = typeof edit.labels === 'object' && edit.labels !== null ? edit.labels : undefined;
  return {
    userId: edit.userId,
    method: edit.method,
    path: edit.path,
    changes: edit.changes,
    baseVersion: edit.baseVersion,
    ...(typeof edit.base === 'object' && edit.base !== null ? { base: edit.base } : {}),
    ...(isGroups(edit.linked) ? { linked: edit.linked } : {}),
    ...(typeof edit.item === 'string' ? { item: edit.item } : {}),
    ...(labels ? { labels } : {}),
    ...(typeof edit.seen === 'object' && edit.seen !== null ? { seen: edit.seen } : {}),
    ...(typeof edit.page === 'string' && /^\/(?!\/)/.test(edit.page) ? { page: edit.page } : {}),
    storedAt: typeof edit.storedAt === 'string' ? edit.storedAt : new Date().toISOString(),
  };
}

/**
 * The stored fields that stay: not one of `replaced`, nor of `gone` while it holds the value `gone` gives (a value
 * stored otherwise since was stored by another tab, later).
 */
function fieldsLeft(stored: PendingEdit, gone: FieldValues, replaced: readonly string[]): string[] {
  return Object.entries(stored.changes)
    .filter(([field, value]) => !replaced.includes(field) && !(field in gone && sameValue(gone[field], value)))
    .map(([field]) => field);
}

function pick<T>(record: Record<string, T>, fields: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([field]) => fields.includes(field)));
}

function isGroups(value: unknown): value is string[][] {
  return (
    Array.isArray(value) &&
    value.every((group) => Array.isArray(group) && group.every((field) => typeof field === 'string'))
  );
}
