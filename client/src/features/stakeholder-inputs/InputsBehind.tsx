import { formatDate } from '@planner/shared/format';
import { inputKindLabels, inputsBehind, type ShapedKind } from '@planner/shared/stakeholder-input';
import { Link } from 'react-router';
import { useStakeholderInputs } from './stakeholder-inputs';
import styles from './stakeholder-inputs.module.css';

interface InputsBehindProps {
  planId: string;
  kind: ShapedKind;
  id: string;
  /** The page of a stakeholder, where the input can be read in full. */
  stakeholderHref: (stakeholderId: string) => string;
}

/** "Input behind this": what stakeholders said that shaped an item. Nothing when no input names it. */
export function InputsBehind({ planId, kind, id, stakeholderHref }: InputsBehindProps) {
  const inputs = useStakeholderInputs(planId);
  const behind = inputs.data ? inputsBehind(inputs.data.inputs, kind, id) : [];
  if (behind.length === 0) return null;
  return (
    // No heading of its own: it sits under items of any heading level; the region is named instead.
    <section className={styles.behind} aria-labelledby={`behind-${kind}-${id}`}>
      <p className={styles['behind-title']} id={`behind-${kind}-${id}`}>
        Input behind this
      </p>
      <ul>
        {behind.map((input) => (
          <li key={input.id}>
            <Link to={`${stakeholderHref(input.stakeholderId)}#input-${input.id}`}>{input.stakeholderName}</Link>
            {`, ${inputKindLabels[input.kind].toLowerCase()} of ${formatDate(input.heardOn)}`}
            {input.source ? ` (${input.source})` : ''}: {input.summary}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A stakeholder row's way to what they said: a link with how many inputs are recorded. */
export function StakeholderInputsLink({
  planId,
  stakeholderId,
  name,
  href,
}: {
  planId: string;
  stakeholderId: string;
  name: string;
  href: string;
}) {
  const inputs = useStakeholderInputs(planId);
  const count = inputs.data?.inputs.filter((i) => i.stakeholderId === stakeholderId).length ?? 0;
  return (
    <p className={styles.meta}>
      <Link to={href}>
        What we heard from {name}
        {count > 0 ? ` (${count} recorded)` : ''}
      </Link>
    </p>
  );
}
