import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateInvitation, Invitation, InvitationWithLink } from '@planner/shared/invitation';
import type { SchoolList } from '@planner/shared/school';
import type { DistrictUser, PeopleEvent, UpdateUser } from '@planner/shared/user';
import { api, type ApiError } from '../../lib/api';
import { districtUsersQueryKey, meQueryKey, schoolsQueryKey } from '../../lib/shared-query-keys';

export const invitationsQueryKey = ['invitations'] as const;
export const peopleLogQueryKey = ['people', 'log'] as const;

export function usePeople() {
  return useQuery({
    queryKey: districtUsersQueryKey,
    queryFn: ({ signal }) => api.get<{ users: DistrictUser[] }>('/api/users', { signal }),
  });
}

/** `enabled` false for someone who may not list them (only administrators may). */
export function useInvitations(enabled = true) {
  return useQuery({
    queryKey: invitationsQueryKey,
    enabled,
    queryFn: ({ signal }) => api.get<{ invitations: Invitation[] }>('/api/invitations', { signal }),
  });
}

export function usePeopleLog() {
  return useQuery({
    queryKey: peopleLogQueryKey,
    queryFn: ({ signal }) => api.get<{ events: PeopleEvent[] }>('/api/people/log', { signal }),
  });
}

export function useDistrictSchools() {
  return useQuery({
    queryKey: schoolsQueryKey,
    queryFn: ({ signal }) => api.get<SchoolList>('/api/schools', { signal }),
  });
}

/** After any change to people: the list, the invitations, the log and the schools' principals are read again. */
function useRefreshPeople() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [districtUsersQueryKey, invitationsQueryKey, peopleLogQueryKey, schoolsQueryKey].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

export function useInvite() {
  const refresh = useRefreshPeople();
  return useMutation<InvitationWithLink, ApiError, CreateInvitation>({
    mutationFn: (body) => api.post<InvitationWithLink>('/api/invitations', body),
    onSuccess: () => void refresh(),
  });
}

export function useResendInvitation() {
  const refresh = useRefreshPeople();
  return useMutation<InvitationWithLink, ApiError, string>({
    mutationFn: (invitationId) =>
      api.post<InvitationWithLink>(`/api/invitations/${encodeURIComponent(invitationId)}/resend`),
    onSuccess: () => void refresh(),
  });
}

export function useRevokeInvitation() {
  const refresh = useRefreshPeople();
  return useMutation<undefined, ApiError, string>({
    mutationFn: (invitationId) => api.delete<undefined>(`/api/invitations/${encodeURIComponent(invitationId)}`),
    onSuccess: () => void refresh(),
  });
}

export function useUpdatePerson(currentUserId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPeople();
  return useMutation<DistrictUser, ApiError, { userId: string; changes: UpdateUser }>({
    mutationFn: ({ userId, changes }) => api.patch<DistrictUser>(`/api/users/${encodeURIComponent(userId)}`, changes),
    onSuccess: (saved) => {
      queryClient.setQueryData<{ users: DistrictUser[] }>(districtUsersQueryKey, (list) =>
        list ? { users: list.users.map((u) => (u.id === saved.id ? saved : u)) } : list,
      );
      void refresh();
      // An administrator who changed their own role sees the planner as that role now.
      if (saved.id === currentUserId) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => {
      // Someone else changed the person first: the list shows them as they are now.
      if (error.code === 'version_conflict') void refresh();
    },
  });
}

export function useMakeResetLink() {
  const refresh = useRefreshPeople();
  return useMutation<{ resetUrl: string; expiresAt: string }, ApiError, string>({
    mutationFn: (userId) =>
      api.post<{ resetUrl: string; expiresAt: string }>(`/api/users/${encodeURIComponent(userId)}/password-reset`),
    onSuccess: () => void refresh(),
  });
}
