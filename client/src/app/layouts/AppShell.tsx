import { Suspense, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useQueryClient, type Query } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import type { CurrentUser } from '@planner/shared/auth';
import { countOf } from '@planner/shared/format';
import { userRoleLabels } from '@planner/shared/user-role-labels';
import { Announcer } from '../../components/Announcer';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useLogout } from '../../features/auth/logout';
import { NotificationsBell } from '../../features/notifications/NotificationsBell';
import { ReviewsNavLink } from '../../features/reviews/ReviewsNavLink';
import { api } from '../../lib/api';
import { browserEnvironment } from '../../lib/autosave/environment';
import { AutosaveRegistry } from '../../lib/autosave/registry';
import { AutosaveRegistryContext } from '../../lib/autosave/registry-context';
import { CurrentUserContext, SignOutContext } from '../../lib/current-user';
import { keepRefusedEdit, settleRefusedEdit } from '../../lib/plan-editing';
import { productName } from '../../lib/product';
import { paths } from '../paths';
import { handleAppWideErrors } from '../providers/query-client';
import { UnsavedChangesGuard } from './UnsavedChangesGuard';
import { useRouteFocus } from './use-route-focus';
import { WaitingConflictsNotice } from './WaitingConflictsNotice';

interface AppShellProps {
  currentUser: CurrentUser;
}

/** How long signing out waits for changes on their way to the server before warning about them. */
const settleMs = 3_000;

/** The signed-in person's autosave: their edits kept on this device are sent now, and only in their session. */
function useAutosaveRegistry(userId: string): AutosaveRegistry {
  const queryClient = useQueryClient();
  const [registry] = useState(
    () =>
      new AutosaveRegistry({
        userId,
        api,
        environment: browserEnvironment(),
        onError: (error) => handleAppWideErrors(queryClient, error),
        // Refused for good (its item removed, its plan archived): what was typed stays, for the plan's notice to show.
        onRefused: keepRefusedEdit,
        // Refused on screen, then typed anew and saved: the notice lets go of it.
        onRefusalSaved: settleRefusedEdit,
        // What the pages loaded (or are loading: a first load is not restarted by invalidating) is older than
        // what the server now has.
        onStoredEditsSent: () => {
          const pages = { predicate: (query: Query) => query.queryKey[0] !== 'auth' };
          void queryClient.cancelQueries(pages).then(() => queryClient.invalidateQueries(pages));
        },
      }),
  );
  useEffect(() => registry.start(), [registry]);
  return registry;
}

export function AppShell({ currentUser }: AppShellProps) {
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  // The frame is the person's (it is keyed by them): a title the last person's page left (their plan's name)
  // goes as it is shown, before this person's page sets its own.
  useLayoutEffect(() => {
    document.title = productName;
  }, []);
  const navigate = useNavigate();
  // Where to go once signed in again, when signing out was asked for to open a page as another account.
  const returnTo = useRef<string | null>(null);
  const logout = useLogout(
    () =>
      void navigate(returnTo.current ? `${paths.signIn}?next=${encodeURIComponent(returnTo.current)}` : paths.signIn, {
        replace: true,
      }),
  );
  const registry = useAutosaveRegistry(currentUser.user.id);
  const [settling, setSettling] = useState(false);
  const [unsent, setUnsent] = useState<number | null>(null);
  // The frame is committed, and painted, on its own: the page is built after it, in the background. Rendered
  // with the frame, a page whose code was still loading held the frame back with it (the app's first render is
  // a transition, which waits for the page's code rather than show its fallback).
  const pageShown = useDeferredValue(true, false);
  const pageLoading = <LoadingState label="Loading the page…" />;

  const signOut = async (next?: string) => {
    returnTo.current = next ?? null;
    if (registry.unsentCount() > 0) {
      setSettling(true);
      await registry.settle(settleMs);
      setSettling(false);
      const left = registry.unsentCount();
      if (left > 0) {
        setUnsent(left);
        return;
      }
    }
    logout.mutate();
  };

  const signOutBusy = settling ? 'Saving your changes…' : logout.isPending ? 'Signing out…' : null;

  return (
    <CurrentUserContext value={currentUser}>
      <SignOutContext value={{ signOut: (next) => void signOut(next), busy: signOutBusy }}>
        <AutosaveRegistryContext value={registry}>
          <Announcer>
            <div className="app">
              <a className="skip-link" href="#main">
                Skip to main content
              </a>
              <header className="app-header">
                <div className="app-header__inner">
                  <div className="brand">
                    <p className="brand__product">{productName}</p>
                    <p className="brand__district">{currentUser.district.name}</p>
                  </div>
                  <div className="account">
                    <p className="account__person">
                      <NavLink className="account__name account__link" to={paths.account}>
                        {currentUser.user.name}
                        <span className="visually-hidden">: your account</span>
                      </NavLink>
                      <span className="account__role">{userRoleLabels[currentUser.user.role]}</span>
                    </p>
                    <NotificationsBell href={paths.notifications} />
                    <button
                      type="button"
                      className="button button--on-dark"
                      disabled={signOutBusy !== null}
                      onClick={() => void signOut()}
                    >
                      {signOutBusy ?? 'Sign out'}
                    </button>
                  </div>
                </div>
              </header>
              <nav className="app-nav" aria-label="Main">
                <ul className="app-nav__list">
                  <li>
                    {/* The list itself: a plan's pages have their own navigation, which marks the page shown. */}
                    <NavLink className="app-nav__link" to={paths.plans} end>
                      Plans
                    </NavLink>
                  </li>
                  {currentUser.user.role === 'principal' ? (
                    <li>
                      <ReviewsNavLink href={paths.reviews} />
                    </li>
                  ) : null}
                  {currentUser.user.role === 'district_admin' ? (
                    <>
                      <li>
                        <NavLink className="app-nav__link" to={paths.people}>
                          People
                        </NavLink>
                      </li>
                      <li>
                        <NavLink className="app-nav__link" to={paths.schools}>
                          Schools
                        </NavLink>
                      </li>
                      <li>
                        <NavLink className="app-nav__link" to={paths.districtSignIn}>
                          Sign-in
                        </NavLink>
                      </li>
                    </>
                  ) : null}
                </ul>
              </nav>
              <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
                {logout.isError ? <ErrorAlert title="You are still signed in">{logout.error.detail}</ErrorAlert> : null}
                <WaitingConflictsNotice />
                {/* The page's code may still be on its way: the header and navigation paint first. */}
                <Suspense fallback={pageLoading}>{pageShown ? <Outlet /> : pageLoading}</Suspense>
              </main>
              <UnsavedChangesGuard />
              <ConfirmDialog
                open={unsent !== null}
                title="Sign out with changes not yet sent?"
                confirmLabel="Sign out anyway"
                busy={logout.isPending}
                busyLabel="Signing out…"
                onCancel={() => setUnsent(null)}
                onConfirm={() => {
                  setUnsent(null);
                  logout.mutate();
                }}
              >
                <p>
                  {countOf(unsent ?? 0, 'change')} you made could not be sent to the planner yet. They stay on this
                  device and are sent the next time you sign in here; nobody else who signs in on this device sends or
                  sees them.
                </p>
              </ConfirmDialog>
            </div>
          </Announcer>
        </AutosaveRegistryContext>
      </SignOutContext>
    </CurrentUserContext>
  );
}
