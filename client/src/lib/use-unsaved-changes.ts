import { useEffect, useId, useSyncExternalStore } from 'react';

/**
 * The forms on screen whose typed values are not saved (forms with a Save button; autosaved fields never
 * are), each by the words that name it: "the plan settings". One list for the app, read by its one guard,
 * as a router holds one blocker.
 */
const unsavedForms = new Map<string, string>();
const listeners = new Set<() => void>();
let names: readonly string[] = [];

function changed() {
  names = [...new Set(unsavedForms.values())];
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The names of the forms holding unsaved changes now, as at the moment a navigation is asked for. */
export function unsavedFormNames(): readonly string[] {
  return names;
}

export function useUnsavedFormNames(): readonly string[] {
  return useSyncExternalStore(subscribe, unsavedFormNames);
}

/**
 * Marks a form as holding changes not saved, so leaving the page asks first. `unsaved` is the form's
 * isDirty while it is not being sent: a save that takes the person on (to the plan just made) is not asked about.
 */
export function useUnsavedChanges(formName: string, unsaved: boolean): void {
  const id = useId();
  useEffect(() => {
    if (!unsaved) return;
    unsavedForms.set(id, formName);
    changed();
    return () => {
      unsavedForms.delete(id);
      changed();
    };
  }, [id, formName, unsaved]);
}
