import type { ReactNode } from 'react';
import { rowTitle, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { listItemProps, useListNews } from '../../lib/list-news';
import { AddRowForm } from './AddRowForm';
import type { RemovedWithRow } from './delete-row';
import { StageRowCard, StageRowView } from './StageRowCard';
import type { PersonChoice, StageRow } from './table-fields';
import styles from './stage-tables.module.css';

interface StageRowsProps {
  planId: string;
  name: StageTableName;
  rows: StageRow[];
  canEdit: boolean;
  /** Shown on each row under its title, such as a measure's status and a link to its page. */
  rowExtra?: (row: StageRow) => ReactNode;
  /** Shown at the foot of each row, such as its comments. */
  rowFooter?: (row: StageRow) => ReactNode;
  /** Where focus goes once the last row is removed. */
  onRemoved: () => void;
  /** The district's people, for a field that names one. */
  people?: readonly PersonChoice[];
  /** What goes with a row when it is removed, loaded apart from it (a stakeholder's inputs); null while loading. */
  rowRemovedWith?: (row: StageRow) => RemovedWithRow | null;
}

/** One of a stage's tables: its rows, edited in place by administrators, and a form to add one. */
export function StageRows({
  planId,
  name,
  rows,
  canEdit,
  rowExtra,
  rowFooter,
  onRemoved,
  people,
  rowRemovedWith,
}: StageRowsProps) {
  const { news, removed } = useListNews(onRemoved);
  const ids = rows.map((row) => row.id);
  const noun = stageTables[name].rowNoun;
  const Noun = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  return (
    <>
      {rows.length === 0 ? <p className="muted">Nothing listed yet.</p> : null}
      {rows.length > 0 ? (
        <ul className={styles['row-list']}>
          {rows.map((row) => (
            <li key={row.id} {...listItemProps(row.id)}>
              {canEdit ? (
                <StageRowCard
                  planId={planId}
                  name={name}
                  row={row}
                  extra={rowExtra?.(row)}
                  onRemoved={() => removed(ids, row.id, `${Noun} “${rowTitle(name, row)}” removed.`)}
                  people={people}
                  removedWith={rowRemovedWith?.(row)}
                />
              ) : (
                <StageRowView name={name} row={row} extra={rowExtra?.(row)} people={people} />
              )}
              {rowFooter?.(row)}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <AddRowForm planId={planId} name={name} news={news} addedMessage={`${Noun} added at the end of the list.`} />
      ) : null}
    </>
  );
}
