import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Escape in an inline form or a panel does what its Cancel or Close button does; spread what this returns
 * on the form or panel. Heard on the document, after the page's own handlers: where something within has
 * taken Escape for itself (the list of people to mention) it is left alone, as it is in a dialog opened from
 * here (it closes itself) and in a form or panel within this one (the innermost takes it).
 */
export function useEscapeKey<T extends HTMLElement>(action: (() => void) | undefined, ref?: RefObject<T | null>) {
  const ownRef = useRef<T>(null);
  const scope = ref ?? ownRef;
  const latest = useRef(action);
  useLayoutEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const element = scope.current;
      const run = latest.current;
      if (!run || !element || event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target;
      if (!(target instanceof Element) || target.closest('[data-escape-scope]') !== element) return;
      const dialog = target.closest('dialog');
      if (dialog && element.contains(dialog)) return;
      event.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [scope]);
  return { ref: scope, 'data-escape-scope': action ? '' : undefined };
}

/** Whether a text field within `root` holds words: closing it now would lose them. */
export function holdsTypedText(root: HTMLElement | null): boolean {
  const fields = root?.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type="text"]') ?? [];
  return Array.from(fields).some((field) => field.value.trim() !== '');
}
