/** React Query keys read by one feature and refreshed by another (besides the plan's, in plan-cache.ts). */

/** The signed-in principal's review inbox: a review decision on a role takes the role out of it. */
export const inboxQueryKey = ['reviews', 'inbox'] as const;

/** What needs the signed-in person (GET /api/needs-attention, any plan or one): comments and reviews change it. */
export const needsAttentionQueryKey = ['needs-attention'] as const;

/** Who is signed in: a sign-in, an accepted invitation, a reset link or a new name of one's own change it. */
export const meQueryKey = ['auth', 'me'] as const;

/** The district's schools: the schools page changes them; plans, roles and the People page choose from them. */
export const schoolsQueryKey = ['schools'] as const;

/** The district's people: the People page changes them; plans choose owners from them. */
export const districtUsersQueryKey = ['users'] as const;
