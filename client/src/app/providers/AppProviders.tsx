import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { meQuery } from '../../features/auth/me';
import { planQuery } from '../../features/plans/plan';
import { plansQuery } from '../../features/plans/plans';
import { isUuid } from '../../lib/is-uuid';
import { paths } from '../paths';
import { createQueryClient } from './query-client';

/** The data the first page of a visit shows first. */
function prefetchFirstPage(queryClient: QueryClient, pathname: string): void {
  if (matchPath(paths.plans, pathname)) {
    void queryClient.prefetchQuery(plansQuery);
    return;
  }
  const planId = matchPath({ path: paths.plan, end: false }, pathname)?.params.planId;
  if (isUuid(planId)) void queryClient.prefetchQuery(planQuery(planId));
}

function createStartedQueryClient() {
  const queryClient = createQueryClient();
  // Every page asks who is signed in and what it shows first, both at once and while the page's own code
  // is still loading. The session cookie cannot be read here, so a signed-out visitor's page data is asked
  // for too: its 401 only tells the cache, as the session check does, that nobody is signed in.
  const { pathname } = window.location;
  // A failed session check is in the cache for the pages to show; nothing more to do with it here.
  queryClient.fetchQuery(meQuery).catch(() => undefined);
  prefetchFirstPage(queryClient, pathname);
  return queryClient;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStartedQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
