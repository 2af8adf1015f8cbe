import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SignInMethod } from '@planner/shared/auth';
import { api } from '../../lib/api';
import type * as SignInChecks from './sign-in-checks';

export function fetchSignInMethod(email: string, signal?: AbortSignal): Promise<SignInMethod> {
  return api.post<SignInMethod>('/api/auth/sign-in-method', { email }, { signal, csrf: false });
}

/**
 * How an email signs in (a password, or the district's own provider), asked once the address looks
 * complete. The answer depends on the domain alone, so it is kept per domain.
 */
export function useSignInMethod(email: string) {
  const trimmed = email.trim();
  const checks = useSignInChecks(trimmed.includes('@'));
  const valid = checks?.isSignInEmail(trimmed) ?? false;
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

/** The sign-in checks (and zod), loaded once they are wanted: with the first "@" typed, not with the page. */
function useSignInChecks(wanted: boolean): typeof SignInChecks | null {
  const [checks, setChecks] = useState<typeof SignInChecks | null>(null);
  useEffect(() => {
    if (!wanted || checks) return;
    let current = true;
    void import('./sign-in-checks').then((loaded) => {
      if (current) setChecks(loaded);
    });
    return () => {
      current = false;
    };
  }, [wanted, checks]);
  return checks;
}
