import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  useWatch,
  type Control,
  type FieldValues,
  type Path,
  type PathValue,
  type UseFormSetValue,
} from 'react-hook-form';
import { useCurrentUser } from './current-user';
import { sessionEndedUnderPerson } from './session-ended';

const prefix = 'planner.kept-draft.';
const storageKey = (userId: string, form: string) => `${prefix}${userId}.${form}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function readKept<Values>(userId: string, form: string): Values | null {
  const store = storage();
  if (!store) return null;
  try {
    // Words another person of this tab left behind are theirs only.
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i) ?? '');
    for (const key of keys) {
      if (key.startsWith(prefix) && !key.startsWith(`${prefix}${userId}.`)) store.removeItem(key);
    }
    const kept = store.getItem(storageKey(userId, form));
    return kept === null ? null : (JSON.parse(kept) as Values);
  } catch {
    return null;
  }
}

/** Whether the signed-in person has words kept for this form, so that its page can open it again. */
export function useHasKeptDraft(form: string): boolean {
  return useKeptDraft(form) !== null;
}

/**
 * The name of a form whose name starts with `formPrefix` and for which the signed-in person has words kept (a
 * reading's correction, "correct-reading:<id>"), read as the page is shown: for the page to open that form again.
 */
export function useKeptDraftStartingWith(formPrefix: string): string | null {
  const { user } = useCurrentUser();
  const [found] = useState(() => {
    const store = storage();
    if (!store) return null;
    const start = storageKey(user.id, formPrefix);
    try {
      const key = Array.from({ length: store.length }, (_, i) => store.key(i) ?? '').find((stored) =>
        stored.startsWith(start),
      );
      return key === undefined ? null : key.slice(storageKey(user.id, '').length);
    } catch {
      return null;
    }
  });
  return found;
}

/**
 * Whether the signed-in person has words kept for any form whose name starts with `formPrefix` (the replies in
 * an item's threads), read as the page is shown: for a control to say that words wait behind it.
 */
export function useHasKeptDraftStartingWith(formPrefix: string): boolean {
  return useKeptDraftStartingWith(formPrefix) !== null;
}

/**
 * Words no form took, by where they were kept: held on the device (this tab) until the person posts them elsewhere
 * or dismisses them, and in memory as well, for a storage that is full or blocked.
 */
const untakenWords = new Map<string, readonly unknown[]>();
const untakenListeners = new Set<() => void>();
const noWords: readonly unknown[] = [];
const subscribeUntaken = (listener: () => void) => {
  untakenListeners.add(listener);
  return () => void untakenListeners.delete(listener);
};
const untakenKey = (userId: string, formPrefix: string) => storageKey(userId, `untaken:${formPrefix}`);

function readUntaken(key: string): readonly unknown[] {
  const known = untakenWords.get(key);
  if (known) return known;
  let stored: readonly unknown[] = noWords;
  try {
    const kept = storage()?.getItem(key);
    const parsed: unknown = kept ? JSON.parse(kept) : null;
    if (Array.isArray(parsed)) stored = parsed;
  } catch {
    // Unreadable words are of no use to anyone.
  }
  untakenWords.set(key, stored);
  return stored;
}

function writeUntaken(key: string, words: readonly unknown[]): void {
  untakenWords.set(key, words);
  try {
    if (words.length === 0) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(words));
  } catch {
    // Kept in memory only, for the page's life.
  }
  untakenListeners.forEach((listener) => listener());
}

/**
 * Words kept for forms whose name starts with `formPrefix` that no form took once `shown` (the forms that could
 * take them are on screen: an item's threads, loaded): their thread or comment is gone, or the person may no longer
 * write there. They move apart from the kept drafts (no form looks for them again) and stay, for the page to offer
 * them, until `dismiss` lets go of one. A form shown takes its own words as it mounts, before this looks
 * (children's effects run first).
 */
export function useUntakenKeptDrafts<Values>(
  formPrefix: string,
  shown: boolean,
): { words: readonly Values[]; dismiss: (words: Values) => void } {
  const { user } = useCurrentUser();
  const start = storageKey(user.id, formPrefix);
  const key = untakenKey(user.id, formPrefix);
  const words = useSyncExternalStore(subscribeUntaken, () => readUntaken(key));
  useEffect(() => {
    if (!shown) return;
    const store = storage();
    if (!store) return;
    const found: Values[] = [];
    try {
      const keys = Array.from({ length: store.length }, (_, i) => store.key(i) ?? '').filter((stored) =>
        stored.startsWith(start),
      );
      for (const stored of keys) {
        const kept = store.getItem(stored);
        store.removeItem(stored);
        if (kept !== null) found.push(JSON.parse(kept) as Values);
      }
    } catch {
      // Unreadable words are of no use to anyone: what was found so far is offered.
    }
    if (found.length > 0) writeUntaken(key, [...readUntaken(key), ...found]);
  }, [shown, start, key]);
  return {
    words: words as readonly Values[],
    dismiss: (done) =>
      writeUntaken(
        key,
        readUntaken(key).filter((kept) => kept !== done),
      ),
  };
}

/**
 * For a form whose words are sent only when it is submitted (a comment, a review): when the session ends
 * under the person, the app sends them to sign in and the form goes. With `useKeepDraft` its words are kept on
 * this device (this tab), for them only, and `useKeptDraft` gives them back when the form is shown again once
 * they are signed in. Any other time the form goes (sent, cancelled, left) nothing is kept. A form named null
 * keeps nothing.
 */
export function useKeptDraft<Values>(form: string | null): Values | null {
  const { user } = useCurrentUser();
  const [kept] = useState(() => (form === null ? null : readKept<Values>(user.id, form)));
  return kept;
}

/**
 * Puts words given back by `useKeptDraft` into the form as typed (`restore` sets them with `shouldDirty`), not as
 * its defaults: the form holds changes not saved, and leaving asks first, until they are sent or cleared. Called
 * after the form's useForm and useWatch, so that what they listen to hears the words set.
 */
export function useRestoreKeptDraft<Values>(kept: Values | null, restore: (kept: Values) => void): void {
  const restored = useRef(false);
  useLayoutEffect(() => {
    if (kept === null || restored.current) return;
    restored.current = true;
    restore(kept);
  });
}

export function useKeepDraft<Values>(form: string | null, values: Values, hasWords: (values: Values) => boolean): void {
  const { user } = useCurrentUser();
  const latest = useRef({ values, hasWords });
  useEffect(() => {
    latest.current = { values, hasWords };
  });
  useEffect(() => {
    if (form === null) return;
    const key = storageKey(user.id, form);
    // Given back (`useKeptDraft` read them as the form was shown): sent, cancelled or left, they are not kept.
    storage()?.removeItem(key);
    return () => {
      const { values: last, hasWords: worthKeeping } = latest.current;
      if (!sessionEndedUnderPerson() || !worthKeeping(last)) return;
      try {
        storage()?.setItem(key, JSON.stringify(last));
      } catch {
        // A full or blocked storage keeps nothing: the words go, as they did before.
      }
    };
  }, [user.id, form]);
}

/**
 * What a Save form keeps: its values, and the version of the item they change as the person began (none yet:
 * null); with `base`, what the form needs back to send them as it would have (a correction: the item's fields that
 * its changes are counted from).
 */
export interface KeptFormDraft<Values, Base = undefined> {
  values: Values;
  version: number | null;
  base?: Base;
}

/**
 * For a form with a Save button: its values are kept as the session ends under the person while the form holds
 * changes, and given back as typed once it is shown again (see useKeepDraft, useRestoreKeptDraft). `kept` is
 * what useKeptDraft read for it; `version`, the version of the item the values change, is kept beside them, so
 * that saving them later meets a change someone made meanwhile rather than overwriting it.
 */
export function useKeptFormDraft<Values extends FieldValues, Context, Transformed, Base = undefined>(
  form: string | null,
  kept: KeptFormDraft<Values, Base> | null,
  {
    control,
    setValue,
    isDirty,
    version = null,
    base,
  }: {
    control: Control<Values, Context, Transformed>;
    setValue: UseFormSetValue<Values>;
    isDirty: boolean;
    version?: number | null;
    base?: Base;
  },
): void {
  const values = useWatch({ control }) as Values;
  useRestoreKeptDraft(kept, (words) => {
    for (const [field, value] of Object.entries(words.values)) {
      setValue(field as Path<Values>, value as PathValue<Values, Path<Values>>, { shouldDirty: true });
    }
  });
  useKeepDraft(form, { values, version, base }, () => isDirty);
}
