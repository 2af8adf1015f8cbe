import { Suspense, useRef } from 'react';
import { Outlet } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { useRouteFocus } from './use-route-focus';

/** The frame of a share link's page: the plan in a wide column, with no navigation of the app. */
export function SharedLayout() {
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  return (
    <main id="main" ref={mainRef} tabIndex={-1} className="shared-main">
      <Suspense fallback={<LoadingState label="Loading the page…" />}>
        <Outlet />
      </Suspense>
    </main>
  );
}
