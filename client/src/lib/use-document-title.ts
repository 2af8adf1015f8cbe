import { useEffect } from 'react';
import { productName } from './product';

/** Sets the tab title to "<Page> – Teacher Leadership Planner" while the page is shown. */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} – ${productName}`;
  }, [page]);
}
