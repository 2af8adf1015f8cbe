export interface ItemFact {
  label: string;
  value: string;
}

/**
 * An item as it is now, shown in a delete's dialog once the delete was refused because someone changed the
 * item since the page showed it: what a second confirm removes.
 */
export function ItemNow({ facts }: { facts: readonly ItemFact[] }) {
  return (
    <>
      <p>As it is now:</p>
      <dl className="item-now">
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd className="answer-text">{fact.value === '' ? <span className="muted">Not set</span> : fact.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
