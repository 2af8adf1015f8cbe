import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../features/auth/me';
import { isApiError } from '../../lib/api';

/** A failed request can be the first to see the session end: the app follows it to sign in. */
export function handleSessionErrors(queryClient: QueryClient, error: Error): void {
  if (!isApiError(error)) return;
  if (error.code === 'unauthenticated') {
    // The session ended (expired, or signed out in another tab): the protected pages
    // see nobody signed in and send the person to sign in, keeping where they were.
    queryClient.setQueryData(meQueryKey, null);
  } else if (error.code === 'csrf_failed') {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => handleSessionErrors(queryClient, error) }),
    mutationCache: new MutationCache({ onError: (error) => handleSessionErrors(queryClient, error) }),
    defaultOptions: {
      queries: {
        // A 4xx answer will not change on a second try; a network blip might.
        retry: (failureCount, error) => !(isApiError(error) && error.isClientError) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
