import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
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
 * Kept in this page's memory only (the device's stored edit is dropped: the server would refuse it again).
 */
let unsavedTexts: readonly { key: string; text: string }[] = [];
const unsavedListeners = new Set<() => void>();

/**
 * The words typed into a change: its strings, in lists and their items too (a role's responsibilities), less
 * what a control chose rather than someone typed (a status such as `in_progress`, a date, a person's id).
 */
export function typedTexts(value: unknown): string[] {
  if (typeof value === 'string') {
    const chosen =
      /^[a-z]+(_[a-z]+)*$|^\d{4}-\d{2}-\d{2}|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    return value.trim() === '' || chosen.test(value) ? [] : [value];
  }
  if (Array.isArray(value)) return value.flatMap(typedTexts);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(typedTexts);
  return [];
}

export function keepUnsavedTexts(key: string, changes: Record<string, unknown>): void {
  const texts = typedTexts(changes);
  if (texts.length === 0) return;
  unsavedTexts = [...unsavedTexts.filter((t) => t.key !== key), ...texts.map((text) => ({ key, text }))];
  for (const listener of unsavedListeners) listener();
}

/** The person is done with a plan's unsaved texts (pasted back, or not wanted). */
export function forgetUnsavedTexts(planId: string): void {
  unsavedTexts = unsavedTexts.filter((t) => !t.key.includes(`:${planId}:`));
  for (const listener of unsavedListeners) listener();
}

function subscribeToUnsaved(listener: () => void): () => void {
  unsavedListeners.add(listener);
  return () => unsavedListeners.delete(listener);
}

/** The unsaved texts of one plan's items (the keys of its edits hold its id: `planEditsKeyPrefix`). */
export function useUnsavedTexts(planId: string): string[] {
  const all = useSyncExternalStore(subscribeToUnsaved, () => unsavedTexts);
  return useMemo(() => all.filter((t) => t.key.includes(`:${planId}:`)).map((t) => t.text), [all, planId]);
}
