import { useRef } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { CurrentUser } from '@planner/shared/auth';
import { userRoleLabels } from '@planner/shared/user-role';
import { ErrorAlert } from '../components/ErrorAlert';
import { CurrentUserContext } from '../features/auth/current-user';
import { useLogout } from '../features/auth/logout';
import { ReviewsNavLink } from '../features/reviews/ReviewsNavLink';
import { productName } from '../lib/product';
import { paths } from './paths';
import { useRouteFocus } from './use-route-focus';

interface AppShellProps {
  currentUser: CurrentUser;
}

export function AppShell({ currentUser }: AppShellProps) {
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  const logout = useLogout();

  return (
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
              <span className="account__name">{currentUser.user.name}</span>
              <span className="account__role">{userRoleLabels[currentUser.user.role]}</span>
            </p>
            <button
              type="button"
              className="button button--on-dark"
              disabled={logout.isPending}
              onClick={() => {
                logout.mutate();
              }}
            >
              {logout.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      </header>
      <nav className="app-nav" aria-label="Main">
        <ul className="app-nav__list">
          <li>
            <NavLink className="app-nav__link" to={paths.plans}>
              Plans
            </NavLink>
          </li>
          {currentUser.user.role === 'principal' ? (
            <li>
              <ReviewsNavLink />
            </li>
          ) : null}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        {logout.isError ? <ErrorAlert title="You are still signed in">{logout.error.detail}</ErrorAlert> : null}
        <CurrentUserContext value={currentUser}>
          <Outlet />
        </CurrentUserContext>
      </main>
    </div>
  );
}
