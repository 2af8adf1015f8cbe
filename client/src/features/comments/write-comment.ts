import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommentThread, CreateComment, UpdateComment } from '@planner/shared/comment';
import { api, type ApiError } from '../../lib/api';
import { refreshComments } from './comments-cache';

const commentsPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/comments`;
const commentPath = (planId: string, commentId: string) => `${commentsPath(planId)}/${encodeURIComponent(commentId)}`;

/** A new thread on an item, or a reply in a thread. */
export function useCreateComment(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<CommentThread, ApiError, CreateComment>({
    mutationFn: (input) => api.post<CommentThread>(commentsPath(planId), input),
    onSuccess: () => void refreshComments(queryClient, planId),
  });
}

/** Edits one's own comment, with the version it was read at. */
export function useUpdateComment(planId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation<CommentThread, ApiError, UpdateComment>({
    mutationFn: (input) => api.patch<CommentThread>(commentPath(planId, commentId), input),
    onSuccess: () => void refreshComments(queryClient, planId),
  });
}

/**
 * Deletes one's own comment: its words go, the thread stays while others' comments are in it. Settles once
 * the threads shown have come back without it, so that focus can go to what is left.
 */
export function useDeleteComment(planId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => api.delete<void>(commentPath(planId, commentId)),
    onSettled: () => refreshComments(queryClient, planId),
  });
}

/** Resolves or reopens the thread of a comment (its first). */
export function useResolveThread(planId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation<CommentThread, ApiError, 'resolve' | 'reopen'>({
    mutationFn: (action) => api.post<CommentThread>(`${commentPath(planId, commentId)}/${action}`),
    onSuccess: () => void refreshComments(queryClient, planId),
  });
}
