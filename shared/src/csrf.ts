/** The header that carries the session's CSRF token on every state-changing request (zod-free: the app's first chunk reads it). */
export const csrfHeaderName = 'X-CSRF-Token';
