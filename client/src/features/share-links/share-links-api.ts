import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateShareLink, ShareLinkList, ShareLinkWithUrl, SharedPlan } from '@planner/shared/share-link';
import { api, type ApiError } from '../../lib/api';

const linksPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/share-links`;
const linksKey = (planId: string) => ['plans', planId, 'share-links'] as const;

/** The plan's share links, revoked and expired ones too (admins only). */
export function useShareLinks(planId: string) {
  return useQuery({
    queryKey: linksKey(planId),
    queryFn: ({ signal }) => api.get<ShareLinkList>(linksPath(planId), { signal }),
  });
}

/** Makes a link; its address comes back this once. */
export function useCreateShareLink(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<ShareLinkWithUrl, ApiError, CreateShareLink>({
    mutationFn: (body) => api.post<ShareLinkWithUrl>(linksPath(planId), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(planId) }),
  });
}

export function useRevokeShareLink(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (linkId) => api.delete<void>(`${linksPath(planId)}/${encodeURIComponent(linkId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: linksKey(planId) }),
  });
}

const sharedPath = (token: string) => `/api/shared/${encodeURIComponent(token)}`;

/** The plan a link shows, without signing in; a link that no longer works answers 404 (not retried). */
export function useSharedPlan(token: string) {
  return useQuery({
    queryKey: ['shared', token],
    queryFn: ({ signal }) => api.get<SharedPlan>(sharedPath(token), { signal }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export const sharedPdfUrl = (token: string) => `${sharedPath(token)}/export.pdf`;
