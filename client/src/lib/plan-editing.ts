import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Plan } from '@planner/shared/plan';
import { planEditsKeyPrefix, planIdOfEditKey } from './autosave/edit-keys';
import type { RefusalLeft, RefusedEdit } from './autosave/registry';
import { useCanEditPlans, useCurrentUser } from './current-user';
import { planQueryKey } from './plan-cache';

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
 * What the person changed that the server refused for good (the item removed, the plan archived, a field it
 * will not take), newest last: per item, the words they typed, what the item was and why, for the plan's
 * notices to show to copy, since no field may be left holding them. Kept on this device, under the person's
 * own key (the item's edit key, which starts with their id), as their unsent edits are: the stored edit itself
 * is dropped, since the server would refuse it again, and a reload must not lose the words with it. Gone once
 * the person says they are done with them.
 */
export interface UnsavedChange {
  key: string;
  /** "the action “Plan the PLC schedule”" */
  item: string;
  /** Why, as the person reads it. */
  reason: string;
  /** The server's code for why: `not_found` for an item removed, `plan_archived`... */
  code: string;
  texts: string[];
  at: string;
}

const storedPrefix = 'planner.refused-text:';
let unsavedChanges: readonly UnsavedChange[] | undefined;
const unsavedListeners = new Set<() => void>();

// Storage can be full or disabled (private mode): the texts then live in the page only.
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const stringOr = (value: unknown, otherwise: string) => (typeof value === 'string' ? value : otherwise);

function readStoredChanges(): UnsavedChange[] {
  const store = storage();
  if (!store) return [];
  const found: UnsavedChange[] = [];
  for (const storedKey of Array.from({ length: store.length }, (_, i) => store.key(i) ?? '')) {
    if (!storedKey.startsWith(storedPrefix)) continue;
    try {
      const { texts, at, item, reason, code } = JSON.parse(store.getItem(storedKey) ?? '') as Record<string, unknown>;
      if (!Array.isArray(texts) || typeof at !== 'string') continue;
      found.push({
        key: storedKey.slice(storedPrefix.length),
        // Kept before changes named their item and reason: only changes refused as the plan was archived were.
        item: stringOr(item, 'an item of this plan'),
        reason: stringOr(reason, 'The plan is archived.'),
        code: stringOr(code, 'plan_archived'),
        texts: texts.filter((text) => typeof text === 'string'),
        at,
      });
    } catch {
      // Not ours to read: left as it is.
    }
  }
  return found.sort((a, b) => a.at.localeCompare(b.at));
}

function allUnsavedChanges(): readonly UnsavedChange[] {
  return (unsavedChanges ??= readStoredChanges());
}

function setUnsavedChanges(next: readonly UnsavedChange[]): void {
  unsavedChanges = next;
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
    // A role's field mode is chosen, whether kept as one object (`fieldModes`) or by field (`fieldModes.term`).
    const chosen =
      chosenAnywhere.test(value) ||
      (field !== undefined &&
        (choiceFields.has(field) || field.startsWith('fieldModes.')) &&
        /^[a-z][a-zA-Z]*$/.test(value));
    return value.trim() === '' || chosen ? [] : [value];
  }
  if (Array.isArray(value)) return value.flatMap((item) => typedTexts(item, field));
  if (typeof value === 'object' && value !== null && field !== 'fieldModes') {
    return Object.entries(value).flatMap(([key, item]) => typedTexts(item, key));
  }
  return [];
}

/**
 * The items whose kept change was refused on screen, in this page: its field holds the words too, and once they
 * are typed anew and saved the notice lets go of them. One kept from a closed tab stays until the person is done.
 */
const keptFromScreen = new Set<string>();

/**
 * Keeps what a refused change held (see UnsavedChange), in place of any kept for its item before (the
 * latest refusal holds what was typed since). A change refused on screen is kept only for its words, as its
 * field says why; one sent from the device with its item not on screen is kept even with none, to say so.
 */
export function keepRefusedEdit(refused: RefusedEdit): void {
  const { key, item, reason, error, changes, offScreen } = refused;
  const texts = typedTexts(changes);
  if (texts.length === 0 && !offScreen) return;
  const change: UnsavedChange = { key, item, reason, code: error.code, texts, at: new Date().toISOString() };
  storeChange(change);
  if (offScreen) keptFromScreen.delete(key);
  else keptFromScreen.add(key);
  setUnsavedChanges([...allUnsavedChanges().filter((c) => c.key !== key), change]);
}

/**
 * An add form's words, as its plan turns read-only under it (archived by someone else, or the add refused as
 * the plan was archived meanwhile): the form goes, so what it held is kept as a refused change's words are, for
 * the plan's notice to show to copy. `form` names the form within the plan; `item` is how the notice names it.
 */
export function useKeepAdditionIfArchived(
  { planId, form, item }: { planId: string; form: string; item: string },
  values: Record<string, unknown>,
): void {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  });
  useEffect(
    () => () => {
      // The form is shown only while the plan is active: gone with the plan archived, it went because of that.
      if (queryClient.getQueryData<Plan>(planQueryKey(planId))?.status !== 'archived') return;
      const texts = typedTexts(latest.current);
      if (texts.length === 0) return;
      const key = `${planEditsKeyPrefix(user.id, planId)}${form}`;
      const change: UnsavedChange = {
        key,
        item,
        reason: 'The plan is archived.',
        code: 'plan_archived',
        texts,
        at: new Date().toISOString(),
      };
      storeChange(change);
      setUnsavedChanges([...allUnsavedChanges().filter((c) => c.key !== key), change]);
    },
    [queryClient, user.id, planId, form, item],
  );
}

function storeChange(change: UnsavedChange): void {
  try {
    const { key, ...stored } = change;
    storage()?.setItem(storedPrefix + key, JSON.stringify(stored));
  } catch {
    // Full: kept in the page only.
  }
}

/**
 * Fields of a change refused on screen were typed anew and saved: what was kept of it holds only what is `left`
 * refused, and goes when no words are left (or nothing is). Not kept again once the person was done with it.
 */
export function settleRefusedEdit(key: string, left: RefusalLeft | null): void {
  const kept = allUnsavedChanges().find((c) => c.key === key);
  if (!kept || !keptFromScreen.has(key)) return;
  const texts = left ? typedTexts(left.changes) : [];
  if (!left || texts.length === 0) {
    forgetUnsavedChange(key);
    return;
  }
  const change: UnsavedChange = { ...kept, reason: left.reason, texts };
  storeChange(change);
  setUnsavedChanges(allUnsavedChanges().map((c) => (c.key === key ? change : c)));
}

/** The person is done with what was kept of a refused change (pasted back, or not wanted). */
export function forgetUnsavedChange(key: string): void {
  keptFromScreen.delete(key);
  storage()?.removeItem(storedPrefix + key);
  setUnsavedChanges(allUnsavedChanges().filter((c) => c.key !== key));
}

function subscribeToUnsaved(listener: () => void): () => void {
  unsavedListeners.add(listener);
  return () => unsavedListeners.delete(listener);
}

/** A person's refused changes to one plan's items (the keys of their edits start with both ids). */
export function unsavedChangesOf(userId: string, planId: string): UnsavedChange[] {
  const prefix = planEditsKeyPrefix(userId, planId);
  return allUnsavedChanges().filter((c) => c.key.startsWith(prefix));
}

export function useRefusedChanges(userId: string, planId: string): UnsavedChange[] {
  const all = useSyncExternalStore(subscribeToUnsaved, allUnsavedChanges);
  return useMemo(() => {
    const prefix = planEditsKeyPrefix(userId, planId);
    return all.filter((c) => c.key.startsWith(prefix));
  }, [all, userId, planId]);
}

/**
 * A person's refused changes to plans not among `planIds` (all the district's plans, as listed): their plan was
 * deleted, so no page of it will show them.
 */
export function useRefusedChangesOfDeletedPlans(userId: string, planIds: ReadonlySet<string>): UnsavedChange[] {
  const all = useSyncExternalStore(subscribeToUnsaved, allUnsavedChanges);
  return useMemo(
    () =>
      all.filter((c) => {
        const planId = planIdOfEditKey(userId, c.key);
        return planId !== null && !planIds.has(planId);
      }),
    [all, userId, planIds],
  );
}
