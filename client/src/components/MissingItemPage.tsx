import { Link } from 'react-router';
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
 * rather than that the address is wrong. A deleted item and one of another district read alike.
 */
export function MissingItemPage({ title, link }: MissingItemPageProps) {
  useDocumentTitle(title);
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>It may have been deleted.</p>
      <p>
        <Link to={link.href}>{link.label}</Link>
      </p>
    </div>
  );
}
