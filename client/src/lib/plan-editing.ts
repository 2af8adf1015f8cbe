import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import { planEditsKeyPrefix } from './autosave/edit-keys';
import { useCanEditPlans } from './current-user';

/**
 * Whether the plan whose pages are open is archived, provided by the plan's frame. An archived plan is
 * read-only for everyone (the server refuses any change to it with `plan_archived`): its pages show what
 * it holds without the controls that change it.
 */
export const PlanArchivedContext = createContext(false);

export const usePlanIsArchived = (): boolean => useContext(PlanArchivedContext);

/** District administrators change the open plan's content, unless it is archived. */
export function useCanEditPlan(): boolean {
  const canEditPlans = useCanEditPlans();
  const archived = usePlanIsArchived();
  return canEditPlans && !archived;
}

/**
 * How many changes the server has refused because their plan was archived meanwhile (by someone else, in
 * another tab). The page turns read-only as the plan is loaded again, and its fields go with what was typed
 * in them: the plan's notice counts on this to say that the last change was not saved.
 */
let archivedRefusals = 0;
const refusalListeners = new Set<() => void>();

export function noteChangeRefusedAsArchived(): void {
  archivedRefusals += 1;
  for (const listener of refusalListeners) listener();
}

function subscribeToRefusals(listener: () => void): () => void {
  refusalListeners.add(listener);
  return () => refusalListeners.delete(listener);
}

export function useArchivedRefusals(): number {
  return useSyncExternalStore(subscribeToRefusals, () => archivedRefusals);
}

/**
 * What the person typed into changes refused because their plan was archived meanwhile, newest last: each
 * item's latest text, for the plan's notice to show to copy, since the page no longer has the field.
 * Kept on this device, under the person's own key (the item's edit key, which starts with their id), as their
 * unsent edits are: the stored edit itself is dropped, since the server would refuse it again, and a reload
 * must not lose the words with it. Gone once the person says they are done with them.
 */
const storedPrefix = 'planner.refused-text:';
let unsavedTexts: readonly { key: string; text: string }[] | undefined;
const unsavedListeners = new Set<() => void>();

// Storage can be full or disabled (private mode): the texts then live in the page only.
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function readStoredTexts(): { key: string; text: string }[] {
  const store = storage();
  if (!store) return [];
  const found: { key: string; text: string; at: string }[] = [];
  for (const storedKey of Array.from({ length: store.length }, (_, i) => store.key(i) ?? '')) {
    if (!storedKey.startsWith(storedPrefix)) continue;
    try {
      const value: unknown = JSON.parse(store.getItem(storedKey) ?? '');
      const { texts, at } = value as { texts: unknown; at: unknown };
      if (!Array.isArray(texts) || typeof at !== 'string') continue;
      const key = storedKey.slice(storedPrefix.length);
      for (const text of texts) if (typeof text === 'string') found.push({ key, text, at });
    } catch {
      // Not ours to read: left as it is.
    }
  }
  return found.sort((a, b) => a.at.localeCompare(b.at)).map(({ key, text }) => ({ key, text }));
}

function allUnsavedTexts(): readonly { key: string; text: string }[] {
  return (unsavedTexts ??= readStoredTexts());
}

function setUnsavedTexts(next: readonly { key: string; text: string }[]): void {
  unsavedTexts = next;
  for (const listener of unsavedListeners) listener();
}

/** The fields whose one-word values a control chose (a status, a table's choice columns), not someone typed. */
const choiceFields = new Set([
  'status',
  'kind',
  'decision',
  'stance',
  'rigor',
  'source',
  'state',
  'term',
  'frequency',
  'level',
  'flexibility',
  'role',
  'stageKey',
  'payKind',
  'payFunding',
  'section',
  'indicatorKey',
]);
const chosenAnywhere =
  /^[a-z]+(_[a-z]+)+$|^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The words typed into a change: its strings, in lists and their items too (a role's responsibilities), less
 * what a control chose rather than someone typed (a status such as `in_progress`, a date, a person's id, a
 * role's field modes). A note of one word, or one that starts with a date, is typed and kept.
 */
export function typedTexts(value: unknown, field?: string): string[] {
  if (typeof value === 'string') {
    const chosen =
      chosenAnywhere.test(value) || (field !== undefined && choiceFields.has(field) && /^[a-z][a-zA-Z]*$/.test(value));
    return value.trim() === '' || chosen ? [] : [value];
  }
  if (Array.isArray(value)) return value.flatMap((item) => typedTexts(item, field));
  if (typeof value === 'object' && value !== null && field !== 'fieldModes') {
    return Object.entries(value).flatMap(([key, item]) => typedTexts(item, key));
  }
  return [];
}

/** Keeps the words of a refused change to an item (`key`, its edit key), in place of any kept for it before. */
export function keepUnsavedTexts(key: string, changes: Record<string, unknown>): void {
  const texts = typedTexts(changes);
  if (texts.length === 0) return;
  try {
    storage()?.setItem(storedPrefix + key, JSON.stringify({ texts, at: new Date().toISOString() }));
  } catch {
    // Full: kept in the page only.
  }
  setUnsavedTexts([...allUnsavedTexts().filter((t) => t.key !== key), ...texts.map((text) => ({ key, text }))]);
}

/** The person is done with their unsaved texts of a plan (pasted back, or not wanted). */
export function forgetUnsavedTexts(userId: string, planId: string): void {
  const prefix = planEditsKeyPrefix(userId, planId);
  const [gone, kept] = [
    allUnsavedTexts().filter((t) => t.key.startsWith(prefix)),
    allUnsavedTexts().filter((t) => !t.key.startsWith(prefix)),
  ];
  for (const key of new Set(gone.map((t) => t.key))) storage()?.removeItem(storedPrefix + key);
  setUnsavedTexts(kept);
}

function subscribeToUnsaved(listener: () => void): () => void {
  unsavedListeners.add(listener);
  return () => unsavedListeners.delete(listener);
}

/** A person's unsaved texts of one plan's items (the keys of their edits start with both ids). */
export function useUnsavedTexts(userId: string, planId: string): string[] {
  const all = useSyncExternalStore(subscribeToUnsaved, allUnsavedTexts);
  return useMemo(() => {
    const prefix = planEditsKeyPrefix(userId, planId);
    return all.filter((t) => t.key.startsWith(prefix)).map((t) => t.text);
  }, [all, userId, planId]);
}
