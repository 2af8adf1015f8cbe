import { useRouteError } from 'react-router';
import { ErrorPage } from '../../components/ErrorPage';
import { isApiError } from '../../lib/api';

/** Shown when a page fails to render, instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <main id="main" tabIndex={-1} className="public-main">
      <ErrorPage
        title="Something went wrong"
        message={
          isApiError(error)
            ? error.detail
            : 'This page could not be shown. Reload it to try again; what you saved before is kept.'
        }
        action={
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              window.location.reload();
            }}
          >
            Reload the page
          </button>
        }
      />
    </main>
  );
}
