import { Link } from 'react-router';
import { paths } from '../app/paths';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="page page--narrow">
      <h1>Page not found</h1>
      <p>The page you asked for does not exist, or its address was mistyped.</p>
      <p>
        <Link to={paths.plans}>Go back to your plans</Link>
      </p>
    </div>
  );
}
