import { Suspense, useRef } from 'react';
import { Outlet } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { useRouteFocus } from './use-route-focus';

/** The frame of pages seen before signing in: a single centred column. */
export function PublicLayout() {
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  return (
    <main id="main" ref={mainRef} tabIndex={-1} className="public-main">
      <Suspense fallback={<LoadingState label="Loading the page…" />}>
        <Outlet />
      </Suspense>
    </main>
  );
}
