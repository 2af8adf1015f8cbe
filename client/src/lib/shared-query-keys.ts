/** React Query keys read by one feature and refreshed by another (besides the plan's, in plan-cache.ts). */

/** The signed-in principal's review inbox: a review decision on a role takes the role out of it. */
export const inboxQueryKey = ['reviews', 'inbox'] as const;

/** What needs the signed-in person (GET /api/needs-attention, any plan or one): comments and reviews change it. */
export const needsAttentionQueryKey = ['needs-attention'] as const;
