import type { CurrentUser } from '@planner/shared/auth';
import { userRoleLabels } from '@planner/shared/user-role-labels';
import { LoadingState } from '../../components/LoadingState';
import { productName } from '../../lib/product';

interface AppShellSkeletonProps {
  /** Who is signed in, once the session check has answered: the header shows their district while the app is built. */
  currentUser?: CurrentUser | null;
}

/**
 * The app's frame as it stands before the app is built for the signed-in person: the header and the navigation
 * band at their final height, so that the page paints at once and nothing moves when the header fills in
 * (AppShell renders the same elements with the person's links). Once the session check has answered, the
 * district's name shows at once rather than with the page's code, and the account's hidden placeholder takes the
 * width of the person's name and role.
 */
export function AppShellSkeleton({ currentUser }: AppShellSkeletonProps) {
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__inner">
          <div className="brand">
            <p className="brand__product">{productName}</p>
            {currentUser ? (
              <p className="brand__district">{currentUser.district.name}</p>
            ) : (
              <p className="brand__district shell-placeholder" aria-hidden="true">
                &nbsp;
              </p>
            )}
          </div>
          <div className="account shell-placeholder" aria-hidden="true">
            <p className="account__person">
              <span className="account__name">{currentUser?.user.name ?? '\u00a0'}</span>
              <span className="account__role">{currentUser ? userRoleLabels[currentUser.user.role] : '\u00a0'}</span>
            </p>
            <span className="button button--on-dark">Sign out</span>
          </div>
        </div>
      </header>
      <div className="app-nav" aria-hidden="true">
        <p className="app-nav__list shell-placeholder">
          <span className="app-nav__link">Plans</span>
        </p>
      </div>
      <main id="main" tabIndex={-1} className="app-main">
        <LoadingState label="Loading your planner…" />
      </main>
    </div>
  );
}
