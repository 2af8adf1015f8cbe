import { createContext, useContext, type ReactNode } from 'react';
import type { HistoryKind } from '@planner/shared/history';

/** An item of the plan whose recorded changes can be shown beside it. */
export interface HistorySubject {
  /** The item's id as the history names it: a question's key (for its answer too), else the row's id. */
  itemId: string;
  /** The item in words, for the panel's label and the restore question. */
  label: string;
  /**
   * The version of each kind of change the item takes, as the page shows it now: a restore sends it, so
   * it goes through the usual version check. A question holds two (its own and its answer's).
   */
  versions: Partial<Record<HistoryKind, number>>;
}

/** Renders the history of one item; the app gives it (features never import the history feature). */
export type ItemHistoryRenderer = (subject: HistorySubject) => ReactNode;

export const ItemHistoryContext = createContext<ItemHistoryRenderer | null>(null);

/** Where an item shows its history: nothing when the page gives no history (outside a plan). */
export function ItemHistorySlot(subject: HistorySubject) {
  const render = useContext(ItemHistoryContext);
  return render ? render(subject) : null;
}
