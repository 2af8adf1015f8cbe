import { isApiError, type ApiClient, type ApiError } from '../api';
import type { AutosaveEnvironment } from './environment';
import { requestBody, withKeysAsFields } from './field-paths';
import { PendingEdits, type FieldValues, type PendingEdit } from './pending-edits';
import { fieldReason, itemOfPath, pageOfPath, splitRefusedFields } from './refusals';
import { sameValue } from './same-value';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

/** What the page-wide indicator needs to know of each autosaving item on screen. */
export interface TrackedSaver {
  readonly key: string;
  getStatus(): SaveStatus;
  flush(keepalive?: boolean): void;
  /** The connection returned: sends what is waiting, with what other tabs kept of the item (see Autosaver.resume). */
  resume(): void;
}

export interface OverallSaveState {
  status: SaveStatus;
  savedAt: Date | null;
  /** The last save went on top of someone else's changes to other fields of its item, taken into the page. */
  withChangesMadeElsewhere: boolean;
}

export interface AutosaveRegistryOptions {
  /** The signed-in person: only their stored edits are read or sent. */
  userId: string;
  api: ApiClient;
  environment: AutosaveEnvironment;
  /** A failed save, seen as any failed request is (a session that ended sends to sign in). */
  onError?: (error: ApiError) => void;
  /** Stored edits of items not on screen reached the server: what the pages loaded is out of date. */
  onStoredEditsSent?: () => void;
  /** Changes the server will never take, gone from the device: what they held is handed on, to keep its words. */
  onRefused?: (refused: RefusedEdit) => void;
  /** Fields refused on screen were typed anew and saved: what is `left` of the refusal, null when nothing is. */
  onRefusalSaved?: (key: string, left: RefusalLeft | null) => void;
}

/** The fields of a refusal kept from the screen still refused, with what they hold and the reasons for them. */
export interface RefusalLeft {
  changes: FieldValues;
  reason: string;
}

/** Changes to one item that the server refused for good: the whole edit, or fields of it. */
export interface RefusedEdit {
  /** The edit's key on the device. */
  key: string;
  /** What the person changed that was not saved. */
  changes: FieldValues;
  /** The item, as the person reads it: "the action “Plan the PLC schedule”". */
  item: string;
  /** Why, as the person reads it. */
  reason: string;
  error: ApiError;
  /** Sent from the device while the item was not on screen: no field on the page says it was refused. */
  offScreen: boolean;
}

/**
 * A change kept on the device that met someone else's (a 409) with its item not on screen: nothing was
 * overwritten, and it waits on the device for the person to choose what to keep, on the item's page.
 */
export interface WaitingConflict {
  /** The edit's key on the device. */
  key: string;
  /** The item, as the person reads it: "the action “Plan the PLC schedule”". */
  item: string;
  /** The app's page where the item's fields are, and the choice is made. */
  page: string;
}

/** Every changed field already holds the same value on the server's current row (compared by value: lists arrive anew). */
export function alreadyThere(changes: FieldValues, current: unknown): boolean {
  if (typeof current !== 'object' || current === null) return false;
  const row = current as FieldValues;
  return Object.entries(changes).every(([field, value]) => field in row && sameValue(row[field], value));
}

/**
 * No changed field clashes with `theirs`, the item as someone else saved it: each is as the edit found it in `base`
 * (a field whose base is not known counts as changed by them), or already the same; and so is every field `linked`
 * with it (see AutosaverConfig), which the edit did not change.
 */
export function noFieldClashes(
  changes: FieldValues,
  base: FieldValues,
  theirs: FieldValues,
  linked: readonly (readonly string[])[] = [],
): boolean {
  const theyLeft = (field: string) => field in base && field in theirs && sameValue(base[field], theirs[field]);
  return Object.entries(changes).every(
    ([field, value]) =>
      field in theirs &&
      (sameValue(theirs[field], value) || theyLeft(field)) &&
      linkedWith(field, linked).every((other) => other in changes || !(other in theirs) || theyLeft(other)),
  );
}

/** The fields `linked` with `field`, itself left out. */
export function linkedWith(field: string, linked: readonly (readonly string[])[]): string[] {
  return [...new Set(linked.filter((group) => group.includes(field)).flat())].filter((other) => other !== field);
}

/** The server will never take this edit (gone, invalid, not allowed, its plan archived): keeping it would only fail again. */
export function isRefusedForGood(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.status === 400 || error.status === 404 || error.code === 'forbidden' || error.code === 'plan_archived';
}

// The most pressing state wins: a conflict needs the person, offline explains why nothing is saved.
const precedence: SaveStatus[] = ['conflict', 'offline', 'error', 'saving', 'pending'];

/**
 * One person's autosave on this device, for the length of their session: the savers on screen, their
 * page-wide state, and the edits kept on the device, which it sends at the start of the session and
 * whenever the connection returns. The app makes one per signed-in person and provides it by context.
 */
export class AutosaveRegistry {
  readonly api: ApiClient;
  readonly environment: AutosaveEnvironment;
  readonly edits: PendingEdits;
  private readonly options: AutosaveRegistryOptions;
  private readonly savers = new Set<TrackedSaver>();
  private readonly listeners = new Set<() => void>();
  /** Keys with a request on the wire, from a saver or from the stored-edits sender, so none is sent twice. */
  private readonly keysInFlight = new Set<string>();
  private readonly settledWaiters = new Set<() => void>();
  private lastSavedAt: Date | null = null;
  private lastSavedWithChangesMadeElsewhere = false;
  private overall: OverallSaveState = { status: 'idle', savedAt: null, withChangesMadeElsewhere: false };
  /** Stored edits that met a conflict, with the version they were based on: a choice made rebases or removes them. */
  private readonly conflicted = new Map<string, number>();
  private waiting: readonly WaitingConflict[] = [];
  private readonly waitingListeners = new Set<() => void>();

  constructor(options: AutosaveRegistryOptions) {
    this.options = options;
    this.api = options.api;
    this.environment = options.environment;
    this.edits = new PendingEdits(options.environment.store, options.userId);
  }

  get userId(): string {
    return this.options.userId;
  }

  /** Listens to the page and sends this person's stored edits; returns the stop. */
  start(): () => void {
    const stop = this.environment.listen({
      online: () => {
        this.savers.forEach((saver) => saver.resume());
        this.sendStoredEdits();
      },
      offline: () => this.recompute(),
      // Leaving or hiding the page: send what is waiting now, as the page may never come back.
      leaving: () => this.flushAll(true),
      // Another tab of this person settled a conflict this one names (its edit saved or rebased): no longer named.
      storedElsewhere: () => this.recompute(),
    });
    this.sendStoredEdits();
    this.recompute();
    return stop;
  }

  register(saver: TrackedSaver): () => void {
    this.savers.add(saver);
    this.recompute();
    return () => {
      // Left with its conflict shown and not settled: it waits on the device, and the app says so.
      if (saver.getStatus() === 'conflict') this.noteConflict(saver.key);
      this.savers.delete(saver);
      this.recompute();
    };
  }

  /**
   * The stored edit of `key` met someone else's change: it waits for the person's choice. Noted by a saver too, which
   * may meet it after its item left the screen (its last words sent on the way out); listed only while off screen.
   */
  noteConflict(key: string): void {
    const edit = this.edits.read(key);
    if (!edit) return;
    this.conflicted.set(key, edit.baseVersion);
    this.recompute();
  }

  subscribeWaiting = (listener: () => void): (() => void) => {
    this.waitingListeners.add(listener);
    return () => this.waitingListeners.delete(listener);
  };

  /** This person's changes kept on the device that met someone else's, their items not on screen. */
  getWaiting = (): readonly WaitingConflict[] => this.waiting;

  reportError(error: unknown): void {
    if (isApiError(error)) this.options.onError?.(error);
  }

  /** Drops the stored edit that the server refused for good, handing what it held to `onRefused`. */
  dropRefused(refused: RefusedEdit): void {
    this.edits.remove(refused.key);
    this.options.onRefused?.(refused);
  }

  /** Fields of an edit that the server refused for good, left out of it: handed to `onRefused`. */
  keepRefused(refused: RefusedEdit): void {
    this.options.onRefused?.(refused);
  }

  /** Fields of an edit refused on screen were saved since: `left` is what is still refused, null when nothing is. */
  refusalSaved(key: string, left: RefusalLeft | null): void {
    this.options.onRefusalSaved?.(key, left);
  }

  noteStatusChanged(): void {
    this.recompute();
  }

  noteSaved(at: Date, withChangesMadeElsewhere = false): void {
    this.lastSavedAt = at;
    this.lastSavedWithChangesMadeElsewhere = withChangesMadeElsewhere;
    this.recompute();
  }

  markInFlight(key: string, inFlight: boolean): void {
    if (inFlight) this.keysInFlight.add(key);
    else this.keysInFlight.delete(key);
    this.recompute();
    if (this.keysInFlight.size === 0) {
      this.settledWaiters.forEach((resolve) => resolve());
      this.settledWaiters.clear();
    }
  }

  isInFlight(key: string): boolean {
    return this.keysInFlight.has(key);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getOverall = (): OverallSaveState => this.overall;

  /** Edits of this person kept on the device and not yet taken by the server. */
  unsentCount(): number {
    return this.edits.keys().length;
  }

  flushAll(keepalive: boolean): void {
    this.savers.forEach((saver) => saver.flush(keepalive));
  }

  /** Sends what is waiting now and resolves once nothing is on the wire (or after `timeoutMs`). */
  async settle(timeoutMs: number): Promise<void> {
    this.flushAll(false);
    this.sendStoredEdits();
    if (this.keysInFlight.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.settledWaiters.add(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Sends this person's stored edits whose item is not on screen (an edit made offline on another
   * page, then the page closed); an item on screen sends its own. An edit the server refuses for a
   * reason that may pass (a conflict, a server down) stays stored, so its field shows it when opened.
   */
  sendStoredEdits(): void {
    if (!this.environment.isOnline()) return;
    const onScreen = new Set([...this.savers].map((saver) => saver.key));
    for (const key of this.edits.keys()) {
      if (onScreen.has(key) || this.keysInFlight.has(key)) continue;
      this.markInFlight(key, true);
      void this.sendStored(key).finally(() => this.markInFlight(key, false));
    }
  }

  /**
   * One stored edit. Fields a 400 names are taken out and handed on, as on screen, and the rest is sent
   * again; refused for good as a whole (its item removed, the plan archived), all of it is handed on.
   */
  private async sendStored(key: string): Promise<void> {
    // What its 400s refused field by field, handed on once at the end (one kept entry per item: a second
    // refusal must not take the place of the first).
    const soFar: { changes: FieldValues; reasons: string[]; error: ApiError | null } = {
      changes: {},
      reasons: [],
      error: null,
    };
    const handOn = (edit: PendingEdit, whole?: { changes: FieldValues; reason: string; error: ApiError }) => {
      const error = whole?.error ?? soFar.error;
      if (!error) return;
      const refused = {
        key,
        item: edit.item ?? itemOfPath(edit.path),
        error,
        offScreen: true,
        changes: { ...soFar.changes, ...whole?.changes },
        reason: [...soFar.reasons, ...(whole ? [whole.reason] : [])].join('; '),
      };
      if (whole) this.dropRefused(refused);
      else this.keepRefused(refused);
    };
    for (let edit = this.edits.read(key); edit !== null;) {
      try {
        await this.api.request(edit.path, {
          method: edit.method,
          body: { ...requestBody(edit.changes), ...edit.seen, version: edit.baseVersion },
        });
        this.edits.removeFields(key, edit.changes);
        this.noteSaved(new Date());
        this.options.onStoredEditsSent?.();
        handOn(edit);
        return;
      } catch (error) {
        this.reportError(error);
        if (!isApiError(error)) return handOn(edit);
        if (error.code === 'version_conflict') {
          const current = withKeysAsFields(error.current, [
            ...Object.keys(edit.changes),
            ...Object.keys(edit.base ?? {}),
          ]);
          // The very same already there (often this person's, from another tab): nothing to choose.
          if (alreadyThere(edit.changes, current)) {
            this.edits.removeFields(key, edit.changes);
            this.noteSaved(new Date());
            this.options.onStoredEditsSent?.();
            return handOn(edit);
          }
          const rebased = this.rebasedIfNoClash(key, edit, current);
          if (rebased) {
            edit = rebased;
            continue;
          }
          this.noteConflict(key);
        }
        const refused = splitRefusedFields(error, edit.changes, edit.changes);
        if (!refused) {
          if (isRefusedForGood(error)) handOn(edit, { changes: edit.changes, reason: error.detail, error });
          else handOn(edit);
          return;
        }
        const reasons = Object.entries(refused.reasons).map(([field, message]) =>
          fieldReason(edit?.labels?.[field], message),
        );
        soFar.changes = { ...soFar.changes, ...refused.kept };
        soFar.reasons.push(...reasons);
        soFar.error = error;
        const next = this.withoutRefused(key, edit, refused.left);
        if (next === null) return handOn(edit);
        edit = next;
      }
    }
  }

  /**
   * The stored edit on `current`, the item as someone else saved it, when none of its fields clashes with theirs
   * (see noFieldClashes): sent again, it keeps both. Null when one does, or the version is the edit's own (refused
   * over something else it saw, such as a role's status).
   */
  private rebasedIfNoClash(key: string, edit: PendingEdit, current: unknown): PendingEdit | null {
    if (typeof current !== 'object' || current === null) return null;
    const theirs = current as FieldValues;
    const { version } = theirs;
    if (typeof version !== 'number' || version === edit.baseVersion) return null;
    if (!noFieldClashes(edit.changes, edit.base ?? {}, theirs, edit.linked)) return null;
    if (this.edits.read(key)?.storedAt !== edit.storedAt) return null;
    const { userId: _userId, storedAt: _storedAt, ...rest } = edit;
    const fields = Object.keys(edit.changes).flatMap((field) => [field, ...linkedWith(field, edit.linked ?? [])]);
    const base = Object.fromEntries(fields.map((field) => [field, theirs[field]]));
    this.edits.write(key, { ...rest, baseVersion: version, base });
    return this.edits.read(key);
  }

  /** The stored edit less its refused fields, to send again; null when nothing of it is left (or it changed meanwhile). */
  private withoutRefused(key: string, edit: PendingEdit, left: FieldValues): PendingEdit | null {
    if (this.edits.read(key)?.storedAt !== edit.storedAt) return null;
    if (Object.keys(left).length === 0) {
      this.edits.remove(key);
      return null;
    }
    const { userId: _userId, storedAt: _storedAt, ...rest } = edit;
    this.edits.write(key, { ...rest, changes: left });
    return this.edits.read(key);
  }

  private storedOffScreen(): boolean {
    const onScreen = new Set([...this.savers].map((saver) => saver.key));
    return this.edits.keys().some((key) => !onScreen.has(key));
  }

  /**
   * The conflicts still waiting: gone once their edit is (saved, or theirs taken) or rebased on the newer version
   * (mine kept, or merged); not listed while the item is on screen, which shows the conflict itself.
   */
  private recomputeWaiting(): void {
    const onScreen = new Set([...this.savers].map((saver) => saver.key));
    const waiting: WaitingConflict[] = [];
    for (const [key, baseVersion] of this.conflicted) {
      const edit = this.edits.read(key);
      if (edit?.baseVersion !== baseVersion) {
        this.conflicted.delete(key);
        continue;
      }
      if (onScreen.has(key)) continue;
      waiting.push({ key, item: edit.item ?? itemOfPath(edit.path), page: edit.page ?? pageOfPath(edit.path) });
    }
    if (JSON.stringify(waiting) === JSON.stringify(this.waiting)) return;
    this.waiting = waiting;
    this.waitingListeners.forEach((listener) => listener());
  }

  private recompute(): void {
    this.recomputeWaiting();
    const statuses = new Set([...this.savers].map((saver) => saver.getStatus()));
    if (this.keysInFlight.size > 0) statuses.add('saving');
    if (!this.environment.isOnline() && this.storedOffScreen()) statuses.add('offline');
    const status = precedence.find((candidate) => statuses.has(candidate)) ?? (this.lastSavedAt ? 'saved' : 'idle');
    const next = {
      status: status === 'pending' ? 'saving' : status,
      savedAt: this.lastSavedAt,
      withChangesMadeElsewhere: this.lastSavedWithChangesMadeElsewhere,
    };
    if (next.status === this.overall.status && next.savedAt === this.overall.savedAt) return;
    this.overall = next;
    this.listeners.forEach((listener) => listener());
  }
}
