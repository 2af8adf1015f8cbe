import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorPage } from '../../components/ErrorPage';
import { useMe } from '../../features/auth/me';
import { isApiError } from '../../lib/api';
import { noteSessionEnded } from '../../lib/session-ended';
import { useFirstDataInBackground } from '../../lib/use-first-data-in-background';
import { AppShell } from './AppShell';
import { AppShellSkeleton } from './AppShellSkeleton';
import { paths } from '../paths';
import { useFirstPageStart } from '../providers/AppProviders';
import { PublicLayout } from './PublicLayout';

const unexpectedMessage = 'Something went wrong while loading the planner. Try again in a moment.';

interface SessionLayoutProps {
  /**
   * What a signed-out visitor gets: sent to sign in (the app's pages), or the page
   * without the app's header (pages anyone may see, such as "Page not found").
   */
  whenSignedOut: 'sign-in' | 'public';
}

/** Chooses the frame of a page from who is signed in. */
export function SessionLayout({ whenSignedOut }: SessionLayoutProps) {
  const me = useMe();
  const signedIn = useFirstDataInBackground(me.data);
  const location = useLocation();
  const startFirstPage = useFirstPageStart();
  const signedInPerson = me.data;
  // The frame shows the person from this commit on: the page's code and data are asked for once it has painted.
  useEffect(() => {
    if (!signedInPerson) return;
    startFirstPage();
    noteSessionEnded(false);
  }, [signedInPerson, startFirstPage]);

  // The app's frame paints while the person is asked for (and while the app is built for them); a
  // signed-out visitor is sent on from it.
  if (me.isPending || (me.data && !signedIn)) return <AppShellSkeleton currentUser={me.data} />;

  if (me.isError) {
    return (
      <main id="main" tabIndex={-1} className="public-main">
        <ErrorPage
          title="The planner could not be loaded"
          message={isApiError(me.error) ? me.error.detail : unexpectedMessage}
          action={
            <button
              type="button"
              className="button button--primary"
              disabled={me.isFetching}
              onClick={() => void me.refetch()}
            >
              {me.isFetching ? 'Trying again…' : 'Try again'}
            </button>
          }
        />
      </main>
    );
  }

  // Keyed by person: a new sign-in starts a new autosave registry, never sharing the last one.
  if (signedIn) return <AppShell key={signedIn.user.id} currentUser={signedIn} />;

  if (whenSignedOut === 'public') return <PublicLayout />;

  const next = `${location.pathname}${location.search}${location.hash}`;
  return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(next)}`} replace />;
}
