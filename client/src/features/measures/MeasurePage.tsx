import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatWithUnit } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import { measureReadingSchema, targetInWords, type Measure, type MeasureReading } from '@planner/shared/measure';
import { measureDirectionLabels, measureTermLabels } from '@planner/shared/stage-tables';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadingState } from '../../components/LoadingState';
import { MeasureStatusBadge } from '../../components/MeasureStatusBadge';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useListNews } from '../../lib/list-news';
import { useCanEditPlan } from '../../lib/plan-editing';
import { changedSince } from '../../lib/row-delete';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useKeptDraftStartingWith } from '../../lib/use-kept-draft';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCreateReading } from './create-reading';
import { useDeleteReading } from './delete-reading';
import { EditReading } from './EditReading';
import { explainStatus, liveMeasureStatus, readingsByDate } from './measure-status-text';
import { ReadingForm } from './ReadingForm';
import { ReadingsTable } from './ReadingsTable';
import styles from './measures.module.css';

// The charting library is large: it loads with the first measure page, not with the app.
const MeasureChart = lazy(() => import('./MeasureChart').then((module) => ({ default: module.MeasureChart })));

const emptyReading = { date: '', value: '', note: '' };
/** The heading of the measure's own fields, which the page shows under it. */
export const measureDetailsTitle = 'Name, baseline, target and how it is collected';

function PathFacts({ measure }: { measure: Measure }) {
  const { unit } = measure;
  return (
    <dl className={styles['measure-facts']}>
      <div>
        <dt>Baseline</dt>
        <dd>
          {measure.baseline === null ? 'Not set' : formatWithUnit(measure.baseline, unit)}
          {measure.baselineDate ? ` on ${formatDate(measure.baselineDate)}` : ''}
        </dd>
      </div>
      <div>
        <dt>Target</dt>
        <dd>
          {measure.target === null ? 'Not set' : targetInWords(measure)}
          {measure.targetDate ? ` by ${formatDate(measure.targetDate)}` : ''}
        </dd>
      </div>
      <div>
        <dt>Direction</dt>
        <dd>{measure.direction === null ? 'Not chosen' : measureDirectionLabels[measure.direction]}</dd>
      </div>
    </dl>
  );
}

interface MeasurePageProps {
  plan: Plan;
  measure: Measure;
  /** Back to where the measures are listed. */
  backLink: { href: string; label: string };
  /** The measure's own fields, edited or read (the stage tables' card). */
  details: ReactNode;
}

/** One measure's status, chart and readings. */
export function MeasurePage({ plan, measure, backLink, details }: MeasurePageProps) {
  useDocumentTitle(`${measure.name} – ${plan.title}`);
  const canEdit = useCanEditPlan();
  const createReading = useCreateReading(plan.id, measure.id);
  const deleteReading = useDeleteReading(plan.id, measure.id);
  // A correction whose words were kept as the session ended opens again, to give them back.
  const keptCorrection = useKeptDraftStartingWith('correct-reading:');
  const [editing, setEditing] = useState<MeasureReading | null>(
    () => measure.readings.find((reading) => keptCorrection === `correct-reading:${reading.id}`) ?? null,
  );
  const [removing, setRemoving] = useState<MeasureReading | null>(null);
  const readingsHeadingRef = useRef<HTMLHeadingElement>(null);
  const status = liveMeasureStatus(measure);

  const afterCommit = useAfterCommit();
  // What the last add, correction or removal did, in one voice, said where the correction's form was.
  const { news, removed } = useListNews(() => readingsHeadingRef.current?.focus());
  const readingIds = readingsByDate(measure).map((reading) => reading.id);
  // Back to the reading's Edit button, where the correction began (or to the heading, should it be gone).
  const backToReading = (id: string) =>
    (document.querySelector<HTMLElement>(`[data-edit-reading="${id}"]`) ?? readingsHeadingRef.current)?.focus();

  return (
    <div className="measure-page">
      <p className={styles['page__back']}>
        <Link to={backLink.href}>{backLink.label}</Link>
      </p>
      <h1>{measure.name}</h1>
      <p className="page__meta">{measureTermLabels[measure.term]} measure</p>

      <section className={styles['measure-page__section']} aria-labelledby="measure-status">
        <h2 id="measure-status">Status</h2>
        <p className={styles['measure-status-line']}>
          <MeasureStatusBadge status={status} />
        </p>
        <p>{explainStatus(measure)}</p>
      </section>

      <section className={styles['measure-page__section']} aria-labelledby="measure-readings">
        <h2 id="measure-readings" ref={readingsHeadingRef} tabIndex={-1}>
          Readings over time
        </h2>
        <PathFacts measure={measure} />
        <div className={styles['measure-page__chart-and-table']}>
          <ScrollRegion label={`Chart of ${measure.name}`}>
            <Suspense fallback={<LoadingState label="Loading the chart…" />}>
              <MeasureChart measure={measure} schoolYear={plan.schoolYear} />
            </Suspense>
          </ScrollRegion>
          <ReadingsTable
            measure={measure}
            onEdit={
              canEdit
                ? (reading) => {
                    news.clear();
                    setEditing(reading);
                  }
                : undefined
            }
            onRemove={
              canEdit
                ? (reading) => {
                    deleteReading.reset();
                    setRemoving(reading);
                  }
                : undefined
            }
          />
        </div>
        <p role="status" className={news.text ? undefined : 'visually-hidden'}>
          {news.text}
        </p>
        {canEdit && editing ? (
          <EditReading
            key={editing.id}
            planId={plan.id}
            measureId={measure.id}
            unit={measure.unit}
            // The reading as the plan holds it now (a restore from its history changes it under the form).
            reading={measure.readings.find((r) => r.id === editing.id) ?? editing}
            news={news}
            onDone={(saved, withTheirs) => {
              const { id } = editing;
              setEditing(null);
              if (saved)
                news.say(withTheirs ? 'Reading saved, with changes made elsewhere meanwhile.' : 'Reading saved.');
              else news.clear();
              afterCommit(() => backToReading(id));
            }}
          />
        ) : null}
        {canEdit ? (
          <ReadingForm
            heading="Add a reading"
            formName="the new reading"
            keptAs={`new-reading:${measure.id}`}
            submitLabel="Add reading"
            initial={emptyReading}
            unit={measure.unit}
            error={createReading.error}
            clearOnSave
            news={news}
            savedMessage="Reading added."
            onSave={async (input) => {
              await createReading.mutateAsync(input);
              return true;
            }}
          />
        ) : null}
      </section>

      <section className={styles['measure-page__section']} aria-labelledby="measure-details">
        <h2 id="measure-details">Details of the measure</h2>
        {details}
      </section>

      <ConfirmDialog
        open={removing !== null}
        title="Remove this reading?"
        confirmLabel="Remove reading"
        busy={deleteReading.isPending}
        busyLabel="Removing…"
        error={deleteReading.error?.detail}
        onCancel={() => {
          setRemoving(null);
          deleteReading.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          deleteReading.mutate(removing, {
            onSuccess: () => {
              if (editing?.id === removing.id) setEditing(null);
              setRemoving(null);
              removed(readingIds, removing.id, `Reading of ${formatDate(removing.date)} removed.`);
            },
            onError: (error) => {
              // Changed since: the dialog shows it as it is now, and a second confirm removes that.
              const now = changedSince(error, measureReadingSchema);
              if (now) setRemoving(now);
            },
          });
        }}
      >
        <p>
          The reading of {removing ? formatDate(removing.date) : ''} (
          {removing ? formatWithUnit(removing.value, measure.unit) : ''}) will be removed for everyone; the plan's
          history keeps it, from where it can be brought back.
        </p>
        {deleteReading.error?.code === 'version_conflict' && removing?.note ? (
          <p>Its note now: {removing.note}</p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
