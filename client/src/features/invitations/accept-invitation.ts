import { useMutation, useQuery } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import type { AcceptInvitation, InvitationPreview } from '@planner/shared/invitation';
import { api, type ApiError } from '../../lib/api';
import { useStartSession } from '../../lib/session';

const acceptPath = (token: string) => `/api/invitations/accept/${encodeURIComponent(token)}`;

/** What the invitation offers: the district, the role and its schools; while the link still works. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => api.get<InvitationPreview>(acceptPath(token), { signal }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Accepts with a name and a password; the server signs the new person in. */
export function useAcceptInvitation(token: string) {
  const startSession = useStartSession();
  return useMutation<CurrentUser, ApiError, AcceptInvitation>({
    mutationFn: (body) => api.post<CurrentUser>(acceptPath(token), body, { csrf: false }),
    onSuccess: startSession,
  });
}
