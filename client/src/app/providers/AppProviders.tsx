import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { meQuery } from '../../features/auth/me';
import { createQueryClient } from './query-client';

function createStartedQueryClient() {
  const queryClient = createQueryClient();
  // Every page first asks who is signed in: asked now, while the page's own code is still loading.
  void queryClient.prefetchQuery(meQuery);
  return queryClient;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStartedQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
