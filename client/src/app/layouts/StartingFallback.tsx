import { matchPath } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { paths } from '../paths';
import { AppShellSkeleton } from './AppShellSkeleton';

const publicPaths = [paths.signIn, paths.forgotPassword, paths.resetPassword, paths.acceptInvitation];

/**
 * What shows while the first page's code loads: the frame that page will have (the app's header, the
 * single column of the pages seen before signing in, or a share link's wide one), so the first paint is the
 * page's own outline.
 */
export function StartingFallback() {
  const pathname = window.location.pathname;
  if (matchPath(paths.sharedPlan, pathname)) {
    return (
      <main id="main" tabIndex={-1} className="shared-main">
        <LoadingState label="Loading the plan…" />
      </main>
    );
  }
  if (publicPaths.some((path) => matchPath(path, pathname))) {
    return (
      <main id="main" tabIndex={-1} className="public-main">
        <LoadingState label="Loading the planner…" />
      </main>
    );
  }
  return <AppShellSkeleton label="Loading the planner…" />;
}
