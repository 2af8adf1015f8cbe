import { useContext } from 'react';
import { Link, useLocation } from 'react-router';
import { CurrentUserContext, SignOutContext } from '../lib/current-user';
import { useDocumentTitle } from '../lib/use-document-title';

interface MissingItemPageProps {
  /** "This role is no longer in the plan". */
  title: string;
  /** Where the rest of them are, such as the plan's roles page. */
  link: { href: string; label: string };
}

/**
 * What an item's page shows once the item is gone (the server answers 404, or the plan no longer holds it): a
 * link from a notification or an email outlives what it leads to, and the person learns what became of it
 * rather than that the address is wrong. A deleted item and one of another district read alike (nothing says
 * whether it exists), so the page names who is signed in: the link may be meant for another of their accounts.
 */
export function MissingItemPage({ title, link }: MissingItemPageProps) {
  useDocumentTitle(title);
  const currentUser = useContext(CurrentUserContext);
  const signingOut = useContext(SignOutContext);
  const location = useLocation();
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>It may have been deleted, or the link may be meant for another account.</p>
      {currentUser ? (
        <p>
          You are signed in as {currentUser.user.name} ({currentUser.user.email}), of {currentUser.district.name}.
        </p>
      ) : null}
      {signingOut ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={signingOut.busy !== null}
            // Signed in again, as the account the link was for, they come back here.
            onClick={() => signingOut.signOut(`${location.pathname}${location.search}${location.hash}`)}
          >
            {signingOut.busy ?? 'Sign out and sign in as someone else'}
          </button>
        </p>
      ) : null}
      <p>
        <Link to={link.href}>{link.label}</Link>
      </p>
    </div>
  );
}
