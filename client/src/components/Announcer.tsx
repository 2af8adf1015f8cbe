import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(text: string) => void>(() => undefined);

/**
 * A live region for the whole signed-in app, there from the start, so that something that appears away
 * from focus (a conflict while the person types elsewhere) can be read out without moving them.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const announce = useCallback((next: string) => {
    // Emptied first, so the same words said again are read again.
    setText('');
    requestAnimationFrame(() => setText(next));
  }, []);
  return (
    <AnnounceContext value={announce}>
      {children}
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {text}
      </p>
    </AnnounceContext>
  );
}

/** Reads words out through the app's live region (nothing outside it). */
export function useAnnounce(): (text: string) => void {
  return useContext(AnnounceContext);
}
