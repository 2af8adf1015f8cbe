import { isApiError, type ApiError } from '../api';
import { requestBody } from './field-paths';
import type { FieldValues } from './pending-edits';
import { fieldReason, itemOfPath, partsNotOf, splitRefusedFields } from './refusals';
import { sameValue } from './same-value';
import {
  isRefusedForGood,
  linkedWith,
  noFieldClashes,
  type AutosaveRegistry,
  type SaveStatus,
  type TrackedSaver,
} from './registry';

export const autosaveDelayMs = 800;
// Browsers refuse keepalive bodies over 64 KB; a longer edit stays stored and is sent on the next visit.
const keepaliveBodyLimit = 60_000;
export const retryDelaysMs = [5_000, 10_000, 30_000, 60_000];

export interface Versioned<V> {
  value: V;
  version: number;
}

export interface AutosaveConflict<V, R> {
  /** The person's changes that the server refused, with those held back (being typed, or refused before). */
  mine: Partial<V>;
  /** The item as someone else saved it. */
  theirs: V;
  /**
   * What the fields held in the version the person's changes were based on, as far as known: a field theirs
   * still holds as it was there, only this person changed.
   */
  base: Partial<V>;
  version: number;
  current: R;
  /**
   * The item's fields are as the edit was based on: the server refused over something else the page showed
   * of it (see `seen`), such as a role's status.
   */
  fieldsUnchanged: boolean;
  /** The server's words for it. */
  detail: string;
}

export interface AutosaveState<V, R> {
  /** What the fields show: the server's value with the person's unsent changes on top. */
  value: V;
  /** The save state as the person sees it: a field that cannot be saved makes it an error. */
  status: SaveStatus;
  savedAt: Date | null;
  error: string | null;
  conflict: AutosaveConflict<V, R> | null;
  /** Fields holding what cannot be saved ("lots" for an amount), with the reason, as the person reads it. */
  invalid: Readonly<Record<string, string>>;
  /** Fields the server refused (a 400 naming them), with its reason: they keep what was typed, and are not sent again. */
  refused: Readonly<Record<string, string>>;
  /** The server's reasons by the part of a refused field they name (`responsibilities.2.text`), for rows of a list. */
  refusedAt: Readonly<Record<string, string>>;
}

export interface AutosaverConfig<V extends FieldValues, R> {
  /** Where unsent changes are kept on this device; unique per person, plan and item. */
  storageKey: string;
  method: 'PUT' | 'PATCH';
  path: string;
  /** The item as last loaded from the server. */
  server: Versioned<V>;
  /** The value and version of a row the server answered with. */
  read: (row: R) => Versioned<V>;
  /** Parses the `current` row of a 409; null when it is not a row of this kind. */
  parseCurrent: (current: unknown) => R | null;
  /** The server has a new row (saved, or taken from a conflict); `shown` is what the fields show. */
  onSaved?: (row: R, shown: V) => void;
  /** What the fields show changed: typing, a restored edit, or another version taken. */
  onChange?: (shown: V) => void;
  /** The fields' labels, which start the server's reasons for refusing them. */
  labels?: Readonly<Record<string, string>>;
  /** The item, as the person reads it (see itemNamed), for what is said of a change refused for good. */
  item?: string;
  /**
   * What the page shows of the item besides its fields (a role's status), as the person begins an edit: sent
   * with it for the server to check, whenever it goes (later, from the device, it is still what they saw).
   */
  seen?: () => FieldValues;
  /**
   * Groups of fields that only mean something together (a role's kind of pay and its amounts): someone else's change
   * to one of a group clashes with the person's to another, as a change to the same field does.
   */
  linked?: readonly (readonly string[])[];
}

type Sending = Omit<AutosaveState<unknown, unknown>, 'value' | 'conflict' | 'invalid' | 'refused' | 'refusedAt'>;

/** The state as shown: an unsaveable field outranks everything but a conflict and being offline. */
function shown<V, R>(state: Omit<AutosaveState<V, R>, keyof Sending>, sending: Sending): AutosaveState<V, R> {
  const problem = Object.values(state.invalid)[0] ?? Object.values(state.refused)[0];
  if (problem !== undefined && sending.status !== 'conflict' && sending.status !== 'offline') {
    return { ...state, ...sending, status: 'error', error: problem };
  }
  return { ...state, ...sending };
}

/**
 * Saves one item's edits by itself: debounced or at once, one request at a time, each carrying the
 * version it was based on. Edits made while a request is on the wire are sent after it with the new
 * version; unsent edits are stored on the device until the server has them.
 */
export class Autosaver<V extends FieldValues, R> implements TrackedSaver {
  readonly key: string;
  private readonly registry: AutosaveRegistry;
  private config: AutosaverConfig<V, R>;
  private base: Omit<AutosaveState<V, R>, keyof Sending>;
  private sending: Sending;
  private state: AutosaveState<V, R>;
  private baseVersion: number;
  /** The item's fields in `baseVersion`, as far as known (an edit stored by an older app keeps none). */
  private baseValue: Partial<V>;
  private pending: Partial<V> | null = null;
  private inFlight: Partial<V> | null = null;
  /** What fields show and is not to be sent (refused by the server, or not valid): sent once typed anew. */
  private held: Partial<V> = {};
  /**
   * The fields refused on screen whose words the plan's notice keeps, with the reasons it gives: once one is
   * typed anew and saved, the notice lets go of it.
   */
  private handedOn: Record<string, string> = {};
  /**
   * The fields as this tab last stored them in the item's edit on the device: one stored otherwise since was typed in
   * another tab of this person, later.
   */
  private written: FieldValues = {};
  /** `config.seen` as the pending edit began; null with nothing pending. */
  private seenAtEdit: FieldValues | null = null;
  /** The page the item's fields are on: where a conflict its stored edit meets later is settled. */
  private readonly page: string | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failedAttempts = 0;
  /** Since the last save, someone else's changes to other fields were taken under this person's (see conflicted). */
  private withChangesMadeElsewhere = false;
  private readonly listeners = new Set<() => void>();

  constructor(registry: AutosaveRegistry, config: AutosaverConfig<V, R>) {
    this.registry = registry;
    this.key = config.storageKey;
    this.config = config;
    this.baseVersion = config.server.version;
    this.baseValue = config.server.value;
    let value = config.server.value;
    const stored = registry.edits.read(config.storageKey);
    if (stored) {
      this.pending = stored.changes as Partial<V>;
      this.written = stored.changes;
      this.baseVersion = stored.baseVersion;
      const storedBase = (stored.base ?? {}) as Partial<V>;
      // The item as loaded is the edit's base only when it is the same version.
      this.baseValue =
        stored.baseVersion === config.server.version ? { ...config.server.value, ...storedBase } : storedBase;
      this.seenAtEdit = stored.seen ?? null;
      value = { ...value, ...this.pending };
    }
    this.page = registry.environment.page?.() ?? stored?.page;
    this.base = { value, conflict: null, invalid: {}, refused: {}, refusedAt: {} };
    const online = registry.environment.isOnline();
    this.sending = { status: stored ? (online ? 'pending' : 'offline') : 'idle', savedAt: null, error: null };
    this.state = shown(this.base, this.sending);
  }

  configure(config: AutosaverConfig<V, R>): void {
    this.config = config;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AutosaveState<V, R> => this.state;

  getStatus(): SaveStatus {
    return this.state.status;
  }

  /** On showing the item: shows and sends an edit restored from the device. */
  start(): void {
    if (this.pending === null) return;
    this.config.onChange?.(this.state.value);
    void this.send();
  }

  edit = (changes: Partial<V>, when: 'debounced' | 'now' = 'debounced'): void => {
    if (this.pending === null && this.inFlight === null) this.seenAtEdit = this.config.seen?.() ?? null;
    this.pending = { ...this.pending, ...changes };
    // What another tab of this person stored of the item meanwhile is taken in first, and shown with these.
    this.store(Object.keys(changes));
    const value = { ...this.state.value, ...changes };
    this.config.onChange?.(value);
    // A held or refused field typed anew is sent again.
    const retyped = Object.keys(changes).filter((field) => field in this.held);
    if (retyped.length > 0) {
      const without = <T extends object>(record: T) =>
        Object.fromEntries(Object.entries(record).filter(([field]) => !retyped.includes(field)));
      this.held = without(this.held) as Partial<V>;
      this.setState({ refused: without(this.state.refused), refusedAt: partsNotOf(this.state.refusedAt, retyped) });
    }
    if (this.state.conflict) {
      // Still the person's version while they decide; nothing is sent until they do.
      const conflict = { ...this.state.conflict, mine: { ...this.state.conflict.mine, ...changes } };
      this.setState({ value, conflict });
      return;
    }
    this.setState({ value }, { status: this.online() ? 'pending' : 'offline', error: null });
    this.clearTimer();
    if (when === 'now') void this.send();
    else this.timer = setTimeout(() => this.flush(), autosaveDelayMs);
  };

  /**
   * A field holds what cannot be saved (`message`), or no longer does (null); its last saved value stays.
   * Its value not yet sent (an empty text, or "999" typed on the way to "9999") is held back: not what the field
   * can save, or not what it says.
   */
  setInvalid = (field: string, message: string | null): void => {
    const { [field]: _previous, ...rest } = this.state.invalid;
    const invalid = message === null ? rest : { ...rest, [field]: message };
    if (message === null || this.pending === null || !(field in this.pending)) {
      this.setState({ invalid });
      return;
    }
    const { [field]: heldBack, ...left } = this.pending;
    this.held = { ...this.held, [field]: heldBack };
    this.pending = Object.keys(left).length > 0 ? (left as Partial<V>) : null;
    if (this.pending) {
      this.store();
      this.setState({ invalid });
      return;
    }
    this.clearTimer();
    // Nothing of the edit taken onto their version is left to save, unless it is on the wire.
    if (this.inFlight === null) this.withChangesMadeElsewhere = false;
    this.unstore();
    this.setState({ invalid }, { status: this.sending.savedAt ? 'saved' : 'idle' });
  };

  flush = (keepalive = false): void => {
    this.clearTimer();
    void this.send(keepalive);
  };

  /**
   * The connection returned: what other tabs of this person kept of the item on the device (one closed while offline)
   * is sent with this tab's changes.
   */
  resume(): void {
    this.clearTimer();
    if (this.inFlight === null) this.takeStored();
    void this.send();
  }

  /** The page fetched the row anew, before the next render passes it in: taken as by syncWithServer. */
  syncWith = (row: R): void => this.syncWithServer(this.config.read(row));

  /** The server's row changed (a reload of the plan): taken only when nothing of ours is unsent. */
  syncWithServer(server: Versioned<V> = this.config.server): void {
    if (server.version <= this.baseVersion || this.pending || this.inFlight || this.state.conflict) return;
    this.baseVersion = server.version;
    this.baseValue = server.value;
    this.setState({ value: { ...server.value, ...this.held } });
  }

  keepMine = (): void => {
    const { conflict } = this.state;
    if (!conflict) return;
    this.rebase(conflict);
    // Fields held back were theirs to choose too (see conflicted): chosen, they are sent now, not left over
    // their version to go out later.
    this.pending = { ...conflict.mine, ...this.pending };
    this.held = {};
    // Kept on the item as it is now, which the person has just been shown.
    this.seenAtEdit = this.config.seen?.() ?? null;
    this.store(Object.keys(this.pending));
    this.setState({ conflict: null, refused: {}, refusedAt: {} }, { status: 'pending' });
    void this.send();
  };

  /**
   * Takes their version, with `kept` on top: what only this person changed (see conflictFields), saved at once.
   * Nothing kept discards the person's changes.
   */
  takeTheirs = (kept: Partial<V> = {}): void => {
    const { conflict } = this.state;
    if (!conflict) return;
    if (Object.keys(kept).length > 0) {
      this.takeTheirsWith(conflict, kept);
      this.config.onSaved?.(conflict.current, { ...conflict.theirs, ...kept });
      void this.send();
      return;
    }
    this.rebase(conflict);
    this.pending = null;
    this.withChangesMadeElsewhere = false;
    const invalid = this.heldReplaced({});
    this.held = {};
    // What the notice keeps of a refusal is no longer in the fields: it stays there until the person is done with it.
    this.handedOn = {};
    this.unstore();
    this.setState({ value: conflict.theirs, conflict: null, refused: {}, refusedAt: {}, invalid }, { status: 'idle' });
    this.config.onSaved?.(conflict.current, conflict.theirs);
  };

  /** Takes theirs with `changes` on top (both texts, for the person to edit), saved after the usual pause. */
  merge = (changes: Partial<V>): void => {
    const { conflict } = this.state;
    if (!conflict) return;
    this.takeTheirsWith(conflict, changes);
    this.timer = setTimeout(() => this.flush(), autosaveDelayMs);
  };

  /** Their version with `changes` on top, to be sent as an edit of it. */
  private takeTheirsWith(conflict: AutosaveConflict<V, R>, changes: Partial<V>): void {
    this.rebase(conflict);
    this.pending = changes;
    // Their changes were shown in the panel and chosen: the save says nothing more of them.
    this.withChangesMadeElsewhere = false;
    this.seenAtEdit = this.config.seen?.() ?? null;
    const invalid = this.heldReplaced(changes);
    this.held = {};
    this.handedOn = {};
    const value = { ...conflict.theirs, ...changes };
    this.store(Object.keys(changes));
    this.setState({ value, conflict: null, refused: {}, refusedAt: {}, invalid }, { status: 'pending' });
    this.config.onChange?.(value);
    this.clearTimer();
  }

  /**
   * `invalid` without the fields held back that their version replaces (all but those in `changes`): what the person
   * was typing there gives way to theirs, and the field shows it (see NumberRow).
   */
  private heldReplaced(changes: Partial<V>): Readonly<Record<string, string>> {
    return Object.fromEntries(
      Object.entries(this.state.invalid).filter(([field]) => !(field in this.held) || field in changes),
    );
  }

  /** What is sent from now on is an edit of their version. */
  private rebase(conflict: AutosaveConflict<V, R>): void {
    this.baseVersion = conflict.version;
    this.baseValue = conflict.theirs;
  }

  private online(): boolean {
    return this.registry.environment.isOnline();
  }

  private async send(keepalive = false): Promise<void> {
    if (this.inFlight || !this.pending || this.state.conflict) return;
    if (!this.online()) {
      this.setState({}, { status: 'offline' });
      return;
    }
    const changes = this.pending;
    const body = { ...requestBody(changes), ...this.seenAtEdit, version: this.baseVersion };
    this.inFlight = changes;
    this.pending = null;
    this.registry.markInFlight(this.key, true);
    this.setState({}, { status: 'saving', error: null });
    try {
      const row = await this.registry.api.request<R>(this.config.path, {
        method: this.config.method,
        body,
        keepalive: keepalive && JSON.stringify(body).length < keepaliveBodyLimit,
      });
      this.inFlight = null;
      this.failedAttempts = 0;
      this.saved(row, changes);
    } catch (error) {
      this.inFlight = null;
      this.pending = { ...changes, ...(this.pending ?? {}) };
      this.failed(error, changes);
    } finally {
      this.registry.markInFlight(this.key, false);
    }
  }

  /** `sent`: the changes the request carried. */
  private saved(row: R, sent: Partial<V>): void {
    this.refusedFieldsSaved(Object.keys(sent));
    const saved = this.config.read(row);
    this.baseVersion = saved.version;
    this.baseValue = saved.value;
    const value = { ...saved.value, ...typedEnds(sent, saved.value), ...this.held, ...this.pending };
    // What the server took is refused in no part.
    const refusedAt = partsNotOf(this.state.refusedAt, Object.keys(sent));
    // The cache takes what the server holds and what is on its way, not what is held back (a value being
    // typed, or refused): kept there under the server's version, it would be taken for saved.
    this.config.onSaved?.(row, { ...saved.value, ...this.pending });
    if (this.pending) {
      this.store();
      this.setState({ value, refusedAt }, { status: 'pending' });
      // Typed while the request was on the wire: send it now unless a pause is still running.
      if (this.timer === null) void this.send();
      return;
    }
    this.unstore();
    const savedAt = new Date();
    this.setState({ value, refusedAt }, { status: 'saved', savedAt });
    this.registry.noteSaved(savedAt, this.withChangesMadeElsewhere);
    this.withChangesMadeElsewhere = false;
  }

  /** `sent`: the changes the failed request carried (`pending` may hold newer typing since). */
  private failed(error: unknown, sent: Partial<V>): void {
    this.store();
    if (!isApiError(error)) {
      this.setState({}, { status: 'error', error: 'Your change could not be saved.' });
      return;
    }
    if (error.code === 'version_conflict') {
      const current = this.config.parseCurrent(error.current);
      if (current) {
        this.conflicted(current, error.detail);
        return;
      }
    }
    if (this.refuseFields(error, sent)) return;
    const offline = error.status === 0 || !this.online();
    // Kept on the device unless refused for good: after a new sign-in or a server restart it is sent again.
    if (isRefusedForGood(error)) {
      const changes = { ...this.held, ...this.pending };
      this.handedOn = {};
      this.registry.dropRefused({ ...this.refusal(error), changes, reason: error.detail });
    }
    this.setState({}, offline ? { status: 'offline' } : { status: 'error', error: error.detail });
    this.registry.reportError(error);
    // No 'online' event follows a server that did not answer, or a session token being renewed: try again.
    const worthRetrying = error.status === 0 || error.status >= 500 || error.code === 'csrf_failed';
    if (worthRetrying && this.online() && this.timer === null) {
      const delay = retryDelaysMs[Math.min(this.failedAttempts, retryDelaysMs.length - 1)];
      this.failedAttempts += 1;
      this.timer = setTimeout(() => this.flush(), delay);
    }
  }

  /**
   * A 400 naming fields of this edit: those fields keep what was typed, with the server's reason by their
   * label, and are left out of later saves; the rest of the edit is sent again. False when it names none.
   */
  private refuseFields(error: ApiError, sent: Partial<V>): boolean {
    const split = splitRefusedFields(error, sent, this.pending ?? {});
    if (!split) return false;
    const said = Object.fromEntries(
      Object.entries(split.reasons).map(([field, message]) => [
        field,
        fieldReason(this.config.labels?.[field], message),
      ]),
    );
    const refused: Record<string, string> = { ...this.state.refused, ...said };
    const refusedAt = { ...partsNotOf(this.state.refusedAt, Object.keys(said)), ...split.at };
    this.held = { ...this.held, ...(split.kept as Partial<V>) };
    this.pending = Object.keys(split.left).length > 0 ? (split.left as Partial<V>) : null;
    this.registry.reportError(error);
    // The field shows its words for now; kept apart too, as the stored edit goes on without them.
    if (Object.keys(split.kept).length > 0) {
      this.handedOn = refused;
      this.registry.keepRefused({
        ...this.refusal(error),
        changes: this.held,
        reason: Object.values(refused).join('; '),
      });
    }
    if (this.pending === null) {
      this.withChangesMadeElsewhere = false;
      this.unstore();
      this.setState({ refused, refusedAt }, { status: 'error', error: null });
      return true;
    }
    this.store();
    this.setState({ refused, refusedAt }, { status: 'pending', error: null });
    // Sent once this request is settled, as the next of the item's saves.
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), 0);
    return true;
  }

  /**
   * Fields refused on screen, typed anew, are saved now: the notice lets go of what it kept of them, and of the
   * refusal once none is left.
   */
  private refusedFieldsSaved(fields: readonly string[]): void {
    if (!fields.some((field) => field in this.handedOn)) return;
    this.handedOn = Object.fromEntries(Object.entries(this.handedOn).filter(([field]) => !fields.includes(field)));
    const left = Object.keys(this.handedOn);
    if (left.length === 0) {
      this.registry.refusalSaved(this.key, null);
      return;
    }
    const now: FieldValues = { ...this.held, ...this.pending };
    this.registry.refusalSaved(this.key, {
      changes: Object.fromEntries(left.filter((field) => field in now).map((field) => [field, now[field]])),
      reason: Object.values(this.handedOn).join('; '),
    });
  }

  private refusal(error: ApiError) {
    return { key: this.key, item: this.config.item ?? itemOfPath(this.config.path), error, offScreen: false };
  }

  private conflicted(current: R, detail: string): void {
    const theirs = this.config.read(current);
    const pending = this.pending ?? {};
    // A field held back shows what the person typed, to be sent later: it is theirs as much as what is pending, in
    // the check (theirs there would never be shown, then overwritten) and in the panel, where it is a clash.
    const mine = { ...this.held, ...pending };
    const alreadyThere = Object.entries(mine).every(([field, value]) => sameValue(theirs.value[field], value));
    // Not when the version is the one the edit was based on: the server refused over something else the page
    // showed (see `seen`), which the page asks about.
    const noClash =
      theirs.version !== this.baseVersion && noFieldClashes(mine, this.baseValue, theirs.value, this.config.linked);
    if (noClash && !alreadyThere) {
      // Their changes are taken and mine sent again on their version, as the person would have chosen either way.
      this.baseVersion = theirs.version;
      this.baseValue = theirs.value;
      this.withChangesMadeElsewhere = true;
      this.store();
      const value = { ...theirs.value, ...mine };
      this.setState({ value }, { status: 'pending' });
      this.config.onChange?.(value);
      this.config.onSaved?.(current, { ...theirs.value, ...pending });
      // Sent once this request is settled, as the next of the item's saves.
      if (this.timer === null) this.timer = setTimeout(() => this.flush(), 0);
      return;
    }
    if (alreadyThere) {
      // Someone (often this person, from another tab) saved the very same: nothing to choose.
      this.baseVersion = theirs.version;
      this.baseValue = theirs.value;
      this.refusedFieldsSaved(Object.keys(pending));
      this.pending = null;
      this.unstore();
      const savedAt = new Date();
      this.setState({ value: { ...theirs.value, ...this.held } }, { status: 'saved', savedAt });
      this.registry.noteSaved(savedAt, this.withChangesMadeElsewhere);
      this.withChangesMadeElsewhere = false;
      this.config.onSaved?.(current, theirs.value);
      return;
    }
    // Met after its item left the screen (the last words sent on the way out), the app-wide notice names it.
    this.registry.noteConflict(this.key);
    this.setState(
      {
        conflict: {
          mine,
          theirs: theirs.value,
          base: this.baseValue,
          version: theirs.version,
          current,
          fieldsUnchanged: theirs.version === this.baseVersion,
          detail,
        },
      },
      { status: 'conflict' },
    );
  }

  /**
   * Writes this tab's changes into the item's edit on the device, field by field: another tab's stay (see
   * PendingEdits.merge), and those it stored since this tab last wrote are taken in first, but for the `typed` ones,
   * which this tab has just changed.
   */
  private store(typed: readonly string[] = []): void {
    if (this.pending === null) return;
    this.takeStored(typed);
    const pending: FieldValues = this.pending;
    const dropped = Object.fromEntries(Object.entries(this.written).filter(([field]) => !(field in pending)));
    const { labels, item } = this.config;
    const changed = Object.keys(this.pending);
    const fields = [...new Set(changed.flatMap((field) => [field, ...linkedWith(field, this.config.linked ?? [])]))];
    const linked = (this.config.linked ?? [])
      .filter((group) => group.some((field) => changed.includes(field)))
      .map((group) => [...group]);
    this.registry.edits.merge(
      this.key,
      {
        method: this.config.method,
        path: this.config.path,
        changes: this.pending,
        baseVersion: this.baseVersion,
        base: Object.fromEntries(
          fields.flatMap((field) => (field in this.baseValue ? [[field, this.baseValue[field]]] : [])),
        ),
        ...(linked.length > 0 ? { linked } : {}),
        ...(item === undefined ? {} : { item }),
        ...(this.seenAtEdit ? { seen: this.seenAtEdit } : {}),
        ...(this.page === undefined ? {} : { page: this.page }),
        ...(labels
          ? {
              labels: Object.fromEntries(Object.keys(this.pending).flatMap((f) => (labels[f] ? [[f, labels[f]]] : []))),
            }
          : {}),
      },
      dropped,
    );
    this.written = { ...this.pending };
  }

  /** Takes this tab's fields out of the item's edit on the device, unless another tab stored them anew since. */
  private unstore(): void {
    this.registry.edits.removeFields(this.key, this.written);
    this.written = {};
  }

  /**
   * Takes in the fields of the item's edit on the device that another tab of this person stored since this one last
   * wrote them, but for the `typed` ones: the person's later changes, shown here and sent with this tab's. Not while a
   * conflict is shown, which is settled on this tab's changes alone.
   */
  private takeStored(typed: readonly string[] = []): void {
    if (this.state.conflict) return;
    const stored = this.registry.edits.read(this.key);
    if (!stored) return;
    const pending: FieldValues = this.pending ?? {};
    const taken = Object.fromEntries(
      Object.entries(stored.changes).filter(
        ([field, value]) =>
          !typed.includes(field) &&
          !(field in this.written && sameValue(this.written[field], value)) &&
          !(field in pending && sameValue(pending[field], value)),
      ),
    ) as Partial<V>;
    const fields = Object.keys(taken);
    if (fields.length === 0) return;
    if (stored.baseVersion !== this.baseVersion) {
      // Made on another version: sent on the older one, a 409 compares each field with what it was based on.
      const based = [...fields, ...fields.flatMap((field) => linkedWith(field, stored.linked ?? []))];
      const base = Object.fromEntries(Object.entries(this.baseValue).filter(([field]) => !based.includes(field)));
      this.baseVersion = Math.min(this.baseVersion, stored.baseVersion);
      this.baseValue = {
        ...base,
        ...Object.fromEntries(Object.entries(stored.base ?? {}).filter(([field]) => based.includes(field))),
      } as Partial<V>;
    }
    if (this.pending === null && this.inFlight === null) this.seenAtEdit = stored.seen ?? null;
    this.pending = { ...this.pending, ...taken };
    this.written = { ...this.written, ...taken };
    const value = { ...this.state.value, ...taken };
    this.setState({ value });
    this.config.onChange?.(value);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(patch: Partial<Omit<AutosaveState<V, R>, keyof Sending>>, sending: Partial<Sending> = {}): void {
    const before = this.state.status;
    this.base = { ...this.base, ...patch };
    this.sending = { ...this.sending, ...sending };
    this.state = shown(this.base, this.sending);
    this.listeners.forEach((listener) => listener());
    if (this.state.status !== before) this.registry.noteStatusChanged();
  }
}

/**
 * The fields sent whose saved text is the typed text with the spaces or line breaks at its ends left out (the
 * server trims): they keep what was typed, or a space typed before a pause would vanish under the cursor and
 * the next word run into the last.
 */
function typedEnds<V extends FieldValues>(sent: Partial<V>, saved: V): Partial<V> {
  return Object.fromEntries(
    Object.entries(sent).filter(([field, typed]) => {
      const kept = saved[field];
      return typeof typed === 'string' && typeof kept === 'string' && typed !== kept && typed.trim() === kept;
    }),
  ) as Partial<V>;
}
