import { apiRequest, isApiError, type ApiError } from '../../lib/api';
import { listPendingEditKeys, readPendingEdit, removePendingEdit } from './pending-edits';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

/** What the page-wide indicator needs to know of each autosaving field on screen. */
export interface TrackedSaver {
  readonly key: string;
  getStatus(): SaveStatus;
  flush(keepalive?: boolean): void;
}

export interface OverallSaveState {
  status: SaveStatus;
  savedAt: Date | null;
}

type StoredEditsHandler = () => void;

const savers = new Set<TrackedSaver>();
const listeners = new Set<() => void>();
const storedEditsHandlers = new Set<StoredEditsHandler>();
const watchedPrefixes = new Set<string>();
/** Keys with a request on the wire, from a field or from the stored-edits sender, so none is sent twice. */
const keysInFlight = new Set<string>();
let lastSavedAt: Date | null = null;
let overall: OverallSaveState = { status: 'idle', savedAt: null };
let windowListenersInstalled = false;
let errorHandler: ((error: ApiError) => void) | null = null;

/** Lets the app react to failed saves as to any failed request (a session that ended sends to sign in). */
export function onAutosaveError(handler: (error: ApiError) => void): void {
  errorHandler = handler;
}

export function reportAutosaveError(error: unknown): void {
  if (isApiError(error)) errorHandler?.(error);
}

/** The server will never take this edit (gone, invalid, not allowed): keeping it would only fail again. */
export function isRefusedForGood(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.status === 400 || error.status === 404 || error.code === 'forbidden';
}

// The most pressing state wins: a conflict needs the person, offline explains why nothing is saved.
const precedence: SaveStatus[] = ['conflict', 'offline', 'error', 'saving', 'pending'];

/** Edits kept on the device for items not on screen, such as those typed offline on another stage. */
function storedOffScreen(): boolean {
  const onScreen = new Set([...savers].map((saver) => saver.key));
  return [...watchedPrefixes].some((prefix) => listPendingEditKeys(prefix).some((key) => !onScreen.has(key)));
}

function recompute(): void {
  const statuses = new Set([...savers].map((saver) => saver.getStatus()));
  if (keysInFlight.size > 0) statuses.add('saving');
  if (!navigator.onLine && storedOffScreen()) statuses.add('offline');
  const status = precedence.find((candidate) => statuses.has(candidate)) ?? (lastSavedAt ? 'saved' : 'idle');
  const next = { status: status === 'pending' ? 'saving' : status, savedAt: lastSavedAt };
  if (next.status === overall.status && next.savedAt === overall.savedAt) return;
  overall = next;
  listeners.forEach((listener) => listener());
}

function flushAll(keepalive: boolean): void {
  savers.forEach((saver) => saver.flush(keepalive));
}

function installWindowListeners(): void {
  if (windowListenersInstalled) return;
  windowListenersInstalled = true;
  window.addEventListener('online', () => {
    flushAll(false);
    storedEditsHandlers.forEach((handler) => handler());
  });
  window.addEventListener('offline', recompute);
  // Leaving or hiding the page: send what is waiting now, as the page may never come back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll(true);
  });
  window.addEventListener('pagehide', () => flushAll(true));
}

export function registerSaver(saver: TrackedSaver): () => void {
  installWindowListeners();
  savers.add(saver);
  recompute();
  return () => {
    savers.delete(saver);
    recompute();
  };
}

export function noteStatusChanged(): void {
  recompute();
}

export function noteSaved(at: Date): void {
  lastSavedAt = at;
  recompute();
}

export function markInFlight(key: string, inFlight: boolean): void {
  if (inFlight) keysInFlight.add(key);
  else keysInFlight.delete(key);
  recompute();
}

export function isInFlight(key: string): boolean {
  return keysInFlight.has(key);
}

export function subscribeOverall(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getOverall(): OverallSaveState {
  return overall;
}

/**
 * Sends the stored edits under `keyPrefix` whose field is not on screen (an edit made offline on
 * another stage, then the page reloaded), now and whenever the connection returns. A field on
 * screen sends its own. An edit the server refuses stays stored, so its field shows it when opened.
 */
export function watchStoredEdits(keyPrefix: string, onSent: () => void): () => void {
  installWindowListeners();
  const handler = () => {
    if (!navigator.onLine) return;
    const onScreen = new Set([...savers].map((saver) => saver.key));
    for (const key of listPendingEditKeys(keyPrefix)) {
      if (onScreen.has(key) || keysInFlight.has(key)) continue;
      const edit = readPendingEdit(key);
      if (!edit) continue;
      markInFlight(key, true);
      apiRequest(edit.path, { method: edit.method, body: { ...edit.changes, version: edit.baseVersion } })
        .then(() => {
          if (readPendingEdit(key)?.storedAt === edit.storedAt) removePendingEdit(key);
          noteSaved(new Date());
          onSent();
        })
        .catch((error: unknown) => {
          if (isRefusedForGood(error)) removePendingEdit(key);
          reportAutosaveError(error);
        })
        .finally(() => markInFlight(key, false));
    }
  };
  storedEditsHandlers.add(handler);
  watchedPrefixes.add(keyPrefix);
  handler();
  recompute();
  return () => {
    storedEditsHandlers.delete(handler);
    watchedPrefixes.delete(keyPrefix);
    recompute();
  };
}
