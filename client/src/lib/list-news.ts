import { useCallback, useState } from 'react';
import { useAfterCommit } from './use-after-commit';

/** Spread on a list item's element, so that focus can go on to it once the item beside it is removed. */
export const listItemProps = (id: string) => ({ 'data-list-item': id });

/** Focuses an item's first control (the card's first field); false when the item is not on the page. */
function focusListItem(id: string | undefined): boolean {
  if (id === undefined) return false;
  const item = document.querySelector(`[data-list-item="${CSS.escape(id)}"]`);
  const control = item?.querySelector<HTMLElement>('input, select, textarea, button');
  if (!control) return false;
  control.focus();
  return document.activeElement === control;
}

export interface ListNews {
  /** What the list's live region says now. */
  text: string;
  say: (text: string) => void;
  clear: () => void;
}

/**
 * A list's one polite live region, for its adds and its removals alike, so that a removal replaces what
 * was said of the last add; and where focus goes once an item is removed: on to the next item, else
 * the previous, else `whenEmpty` (the list's heading).
 */
export function useListNews(whenEmpty: () => void) {
  const [text, setText] = useState('');
  const afterCommit = useAfterCommit();
  const say = useCallback((next: string) => {
    // Emptied first, so the same words said again are read again.
    setText('');
    requestAnimationFrame(() => setText(next));
  }, []);
  const clear = useCallback(() => setText(''), []);
  const removed = (ids: readonly string[], id: string, message: string) => {
    const at = ids.indexOf(id);
    const neighbour = at < 0 ? undefined : (ids[at + 1] ?? ids[at - 1]);
    say(message);
    // After the dialog has closed and the item has left the page.
    afterCommit(() => {
      if (!focusListItem(neighbour)) whenEmpty();
    });
  };
  const news: ListNews = { text, say, clear };
  return { news, removed };
}
