import { useQuery } from '@tanstack/react-query';
import { regexes } from 'zod/v4/core';
import type { SignInMethod } from '@planner/shared/auth';
import { api } from '../../lib/api';

export function fetchSignInMethod(email: string, signal?: AbortSignal): Promise<SignInMethod> {
  return api.post<SignInMethod>('/api/auth/sign-in-method', { email }, { signal, csrf: false });
}

/**
 * How an email signs in (a password, or the district's own provider), asked once the address looks
 * complete. The answer depends on the domain alone, so it is kept per domain.
 */
export function useSignInMethod(email: string) {
  const trimmed = email.trim();
  const valid = isCompleteEmail(trimmed);
  const domain = trimmed.slice(trimmed.lastIndexOf('@') + 1).toLowerCase();
  return useQuery({
    queryKey: ['sign-in-method', domain],
    queryFn: ({ signal }) => fetchSignInMethod(trimmed, signal),
    enabled: valid,
    staleTime: 10 * 60 * 1000,
    retry: false,
    // The provider's address carries the email typed: the answer for this domain, with this email.
    select: (method) =>
      method.providerUrl === null
        ? method
        : { ...method, providerUrl: `/api/auth/provider/start?email=${encodeURIComponent(trimmed)}` },
  });
}

/**
 * Whether an address is complete enough to ask how it signs in: the pattern the server's `z.email()`
 * checks it with (zod's own, taken alone so that the page does not load zod's schemas for it).
 */
export const isCompleteEmail = (email: string): boolean => email.length <= 254 && regexes.email.test(email);
