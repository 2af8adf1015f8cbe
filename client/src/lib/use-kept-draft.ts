import { useEffect, useLayoutEffect, useRef, useState } from 'react';
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
 * For a form whose words are sent only when it is submitted (a comment, a review): when the session ends
 * under the person, the app sends them to sign in and the form goes. With `useKeepDraft` its words are kept on
 * this device (this tab), for them only, and `useKeptDraft` gives them back when the form is shown again once
 * they are signed in. Any other time the form goes (sent, cancelled, left) nothing is kept.
 */
export function useKeptDraft<Values>(form: string): Values | null {
  const { user } = useCurrentUser();
  const [kept] = useState(() => readKept<Values>(user.id, form));
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

export function useKeepDraft<Values>(form: string, values: Values, hasWords: (values: Values) => boolean): void {
  const { user } = useCurrentUser();
  const latest = useRef({ values, hasWords });
  useEffect(() => {
    latest.current = { values, hasWords };
  });
  useEffect(() => {
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
