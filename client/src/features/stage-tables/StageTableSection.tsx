import { useId, useRef, type ReactNode } from 'react';
import { stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { AddRowForm } from './AddRowForm';
import { StageRowCard, StageRowView } from './StageRowCard';
import type { StageRow } from './table-fields';

interface StageTableSectionProps {
  planId: string;
  name: StageTableName;
  rows: StageRow[];
  canEdit: boolean;
  /** Shown on each row under its title, such as a measure's status and a link to its page. */
  rowExtra?: (row: StageRow) => ReactNode;
}

/** One of a stage's tables: its rows, edited in place by administrators, and a form to add one. */
export function StageTableSection({ planId, name, rows, canEdit, rowExtra }: StageTableSectionProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const def = stageTables[name];

  return (
    <section className="stage__section stage-table" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {def.title}
      </h3>
      {rows.length === 0 ? <p className="muted">Nothing listed yet.</p> : null}
      {rows.length > 0 ? (
        <ul className="row-list">
          {rows.map((row) => (
            <li key={row.id}>
              {canEdit ? (
                <StageRowCard
                  planId={planId}
                  name={name}
                  row={row}
                  extra={rowExtra?.(row)}
                  onRemoved={() => headingRef.current?.focus()}
                />
              ) : (
                <StageRowView name={name} row={row} extra={rowExtra?.(row)} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? <AddRowForm planId={planId} name={name} /> : null}
    </section>
  );
}
