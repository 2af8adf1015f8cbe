import { loginRequestSchema, signInMethodRequestSchema } from '@planner/shared/auth';
import { labelledResolver } from '../../lib/forms';

// The sign-in page's checks, loaded once the person starts typing (see sign-in-method.ts and the page's
// resolver): they bring zod, which the page does not need to paint.

export const signInResolver = (labels: Readonly<Record<string, string>>) =>
  labelledResolver(loginRequestSchema, labels);

/** Whether an address is complete enough to ask how it signs in. */
export const isSignInEmail = (email: string): boolean => signInMethodRequestSchema.safeParse({ email }).success;
