import { useEffect, useRef } from 'react';
import { ErrorAlert } from './ErrorAlert';
import type { PlanFieldKey, PlanFields, PlanFieldsClash } from '../lib/plan-fields-form';

interface Props<K extends PlanFieldKey> {
  clash: PlanFieldsClash<K>;
  labels: Record<K, string>;
  /** A field's value as people read it ("$81,000.00", "Active"). */
  display: (key: K, value: PlanFields[K]) => string;
  onTakeTheirs: () => void;
}

/** Someone else saved other values to the fields the person changed: theirs, and the two ways on. */
export function PlanFieldsClashAlert<K extends PlanFieldKey>({ clash, labels, display, onTakeTheirs }: Props<K>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [clash]);
  return (
    <ErrorAlert ref={ref} title="Not saved: someone else changed this while you were editing">
      <p>They saved:</p>
      <ul>
        {clash.fields.map((key) => (
          <li key={key}>
            {labels[key]}: “{display(key, clash.theirs[key])}”
          </li>
        ))}
      </ul>
      <p>What you typed is still in the form. Save again to put yours in place of theirs, or use theirs.</p>
      <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
        Use theirs
      </button>
    </ErrorAlert>
  );
}
