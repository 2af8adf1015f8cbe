import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="page page--narrow">
      <h1>Page not found</h1>
      <p>The page you asked for does not exist, or its address was mistyped.</p>
      <p>
        {/* The start of the site, which leads each person to their plans or their reviews. */}
        <Link to="/">Go to the start page</Link>
      </p>
    </div>
  );
}
