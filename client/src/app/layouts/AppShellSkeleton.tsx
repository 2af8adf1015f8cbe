import { LoadingState } from '../../components/LoadingState';
import { productName } from '../../lib/product';

/**
 * The app's frame as it stands before the signed-in person is known: the header and the navigation
 * band at their final height, so that the page paints at once and nothing moves when the header fills
 * in (AppShell renders the same elements with the person's name, district and links).
 */
export function AppShellSkeleton() {
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__inner">
          <div className="brand">
            <p className="brand__product">{productName}</p>
            <p className="brand__district shell-placeholder" aria-hidden="true">
              &nbsp;
            </p>
          </div>
          <div className="account shell-placeholder" aria-hidden="true">
            <p className="account__person">
              <span className="account__name">&nbsp;</span>
              <span className="account__role">&nbsp;</span>
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
