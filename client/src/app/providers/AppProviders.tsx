import { createContext, useContext, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { meQuery } from '../../features/auth/me';
import { commentCountsQuery } from '../../features/comments/comment-counts';
import { planQuery } from '../../features/plans/plan';
import { plansQuery } from '../../features/plans/plans';
import { districtUsersQuery } from '../../features/users/district-users';
import { afterNextPaint } from '../../lib/after-next-paint';
import { isUuid } from '../../lib/is-uuid';
import { paths } from '../paths';
import { createQueryClient } from './query-client';

/** The data the first page of a visit shows first, asked for with its code (see createFirstPageStart). */
function prefetchFirstPage(queryClient: QueryClient, pathname: string): void {
  if (matchPath(paths.plans, pathname)) {
    void queryClient.prefetchQuery(plansQuery);
    return;
  }
  const planId = matchPath({ path: paths.plan, end: false }, pathname)?.params.planId;
  if (!isUuid(planId)) return;
  // What the plan's frame waits for (PlanLayout).
  void queryClient.prefetchQuery(planQuery(planId));
  void queryClient.prefetchQuery(districtUsersQuery);
  void queryClient.prefetchQuery(commentCountsQuery(planId));
}

function createStartedQueryClient() {
  const queryClient = createQueryClient();
  // Every page first asks who is signed in, while its code is still loading. A failed check is in the cache
  // for the pages to show, with a way to try again.
  void queryClient.fetchQuery(meQuery).catch(() => undefined);
  return queryClient;
}

/**
 * Asks, once in a visit, for the first page's code and for the data it shows first, after the frame being
 * committed now has painted. SessionLayout calls it once the app's frame shows the signed-in person's district:
 * arriving earlier, the page's code held that paint back on a phone, as it is evaluated on arrival, and the frame
 * is what the person sees first. A signed-out visitor's page is asked for by rendering it.
 */
const FirstPageStartContext = createContext<() => void>(() => undefined);

export function useFirstPageStart(): () => void {
  return useContext(FirstPageStartContext);
}

function createFirstPageStart(queryClient: QueryClient, loadPageCode: (pathname: string) => void): () => void {
  let started = false;
  return () => {
    if (started) return;
    started = true;
    // The page shown now: after signing in, the one the sign-in page went on to.
    const { pathname } = window.location;
    afterNextPaint(() => {
      loadPageCode(pathname);
      prefetchFirstPage(queryClient, pathname);
    });
  };
}

interface AppProvidersProps {
  /** Asks for the code of the page at a path and of its layouts, all at once (the router's). */
  loadPageCode: (pathname: string) => void;
  children: ReactNode;
}

export function AppProviders({ loadPageCode, children }: AppProvidersProps) {
  const [queryClient] = useState(createStartedQueryClient);
  const [startFirstPage] = useState(() => createFirstPageStart(queryClient, loadPageCode));
  return (
    <QueryClientProvider client={queryClient}>
      <FirstPageStartContext value={startFirstPage}>{children}</FirstPageStartContext>
    </QueryClientProvider>
  );
}
