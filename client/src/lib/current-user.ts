import { createContext, useContext } from 'react';
import type { CurrentUser } from '@planner/shared/auth';

/**
 * The signed-in person, provided by the app shell. Pages read it from here rather than from the me
 * query, so that while a sign-out or an ended session takes them away they still render with the
 * person they were opened for.
 */
export const CurrentUserContext = createContext<CurrentUser | null>(null);

export function useCurrentUser(): CurrentUser {
  const currentUser = useContext(CurrentUserContext);
  if (!currentUser) throw new Error('useCurrentUser is used outside the signed-in app shell.');
  return currentUser;
}

/** Only district administrators change plans; principals and viewers read them. */
export function useCanEditPlans(): boolean {
  return useCurrentUser().user.role === 'district_admin';
}

/**
 * Signs the person out through the app shell (which first sends their unsent changes), then to sign in with
 * `returnTo` as where to go next: a page that may be meant for another account offers it. `busy` says what it
 * is doing meanwhile ("Saving your changes…", "Signing out…"), null when nothing.
 */
export const SignOutContext = createContext<{ signOut: (returnTo?: string) => void; busy: string | null } | null>(null);
