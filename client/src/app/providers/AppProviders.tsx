import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { meQuery } from '../../features/auth/me';
import { commentCountsQuery } from '../../features/comments/comment-counts';
import { planQuery } from '../../features/plans/plan';
import { plansQuery } from '../../features/plans/plans';
import { districtUsersQuery } from '../../features/users/district-users';
import { isUuid } from '../../lib/is-uuid';
import { paths } from '../paths';
import { createQueryClient } from './query-client';

/** The data the first page of a visit shows first, asked for as soon as the session check answers. */
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
  // Every page first asks who is signed in, then (for someone who is) what it shows: both while the
  // page's own code is still loading, rather than once it has. A signed-out visitor is asked nothing more.
  const { pathname } = window.location;
  void queryClient
    .fetchQuery(meQuery)
    .then((me) => {
      if (me) prefetchFirstPage(queryClient, pathname);
    })
    // A failed session check is in the cache for the pages to show; nothing more to ask here.
    .catch(() => undefined);
  return queryClient;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStartedQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
