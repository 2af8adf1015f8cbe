import { useDocumentTitle } from '../../lib/use-document-title';

export function PlansPage() {
  useDocumentTitle('Plans');
  return (
    <div className="page">
      <h1>Plans</h1>
      <section className="empty-state" aria-labelledby="plans-empty-heading">
        <h2 id="plans-empty-heading">No plans yet</h2>
        <p>Your district’s teacher-leadership plans for each school year will be listed here.</p>
      </section>
    </div>
  );
}
