import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import { type Measure, type MeasureReading } from '@planner/shared/measure';
import { measureTermLabels, stageTables } from '@planner/shared/stage-tables';
import { planStagePath } from '../../app/paths';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadingState } from '../../components/LoadingState';
import { NotFoundPage } from '../../components/NotFoundPage';
import { QueryFallback } from '../../components/QueryFallback';
import { SaveIndicator } from '../../components/autosave/SaveIndicator';
import { watchStoredEdits } from '../../components/autosave/autosave-registry';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCanEditPlans, useCurrentUser } from '../auth/current-user';
import { planEditsKeyPrefix } from '../plans/pending-edit-keys';
import { planQueryKey, usePlan } from '../plans/plan';
import { formatDay } from '../stage-tables/format-values';
import { StageRowCard, StageRowView } from '../stage-tables/StageRowCard';
import { useCreateReading } from './create-reading';
import { useDeleteReading } from './delete-reading';
import { EditReading } from './EditReading';
import { explainStatus, formatMeasureValue, liveMeasureStatus } from './measure-status-text';
import { MeasureStatusBadge } from './MeasureStatusBadge';
import { ReadingForm } from './ReadingForm';
import { ReadingsTable } from './ReadingsTable';

// The charting library is large: it loads with the first measure page, not with the app.
const MeasureChart = lazy(() => import('./MeasureChart').then((module) => ({ default: module.MeasureChart })));

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const measuresStage = stageTables.measures.stageKey;
const emptyReading = { date: '', value: '', note: '' };
const detailsTitle = 'Name, baseline, target and how it is collected';

function PathFacts({ measure }: { measure: Measure }) {
  const { unit } = measure;
  return (
    <dl className="measure-facts">
      <div>
        <dt>Baseline</dt>
        <dd>
          {measure.baseline === null ? 'Not set' : formatMeasureValue(measure.baseline, unit)}
          {measure.baselineDate ? ` on ${formatDay(measure.baselineDate)}` : ''}
        </dd>
      </div>
      <div>
        <dt>Target</dt>
        <dd>
          {measure.target === null ? 'Not set' : formatMeasureValue(measure.target, unit)}
          {measure.targetDate ? ` by ${formatDay(measure.targetDate)}` : ''}
        </dd>
      </div>
    </dl>
  );
}

function MeasureWorkspace({ plan, measure }: { plan: Plan; measure: Measure }) {
  useDocumentTitle(`${measure.name} – ${plan.title}`);
  const canEdit = useCanEditPlans();
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const createReading = useCreateReading(plan.id, measure.id);
  const deleteReading = useDeleteReading(plan.id, measure.id);
  const [editing, setEditing] = useState<MeasureReading | null>(null);
  const [removing, setRemoving] = useState<MeasureReading | null>(null);
  const readingsHeadingRef = useRef<HTMLHeadingElement>(null);
  const stage = plan.stages.find((s) => s.key === measuresStage);
  const stagePath = planStagePath(plan.id, measuresStage);
  const status = liveMeasureStatus(measure);

  // As on the stage pages: edits kept on this device for items not on screen are sent too.
  useEffect(() => {
    if (!canEdit) return;
    return watchStoredEdits(planEditsKeyPrefix(user.id, plan.id), () => {
      void queryClient.invalidateQueries({ queryKey: planQueryKey(plan.id) });
    });
  }, [canEdit, user.id, plan.id, queryClient]);

  const backToReadings = () => readingsHeadingRef.current?.focus();

  return (
    <div className="page measure-page">
      <header className="plan-header">
        <p className="plan-header__back">
          <Link to={stagePath}>{stage ? `Stage ${String(stage.order)}: ${stage.title}` : 'Measures of success'}</Link>
        </p>
        <h1>{measure.name}</h1>
        <p className="plan-header__meta">
          <span>{plan.title}</span>
          <span>{measureTermLabels[measure.term]} measure</span>
        </p>
      </header>
      {canEdit ? (
        <div className="save-bar">
          <SaveIndicator />
        </div>
      ) : null}

      <section className="measure-page__section" aria-labelledby="measure-status">
        <h2 id="measure-status">Status</h2>
        <p className="measure-status-line">
          <MeasureStatusBadge status={status} />
        </p>
        <p>{explainStatus(measure)}</p>
      </section>

      <section className="measure-page__section" aria-labelledby="measure-readings">
        <h2 id="measure-readings" ref={readingsHeadingRef} tabIndex={-1}>
          Readings over time
        </h2>
        <PathFacts measure={measure} />
        <div className="measure-page__chart-and-table">
          <Suspense fallback={<LoadingState label="Loading the chart…" />}>
            <MeasureChart measure={measure} />
          </Suspense>
          <ReadingsTable
            measure={measure}
            onEdit={canEdit ? setEditing : undefined}
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
        {canEdit && editing ? (
          <EditReading
            key={editing.id}
            planId={plan.id}
            measureId={measure.id}
            unit={measure.unit}
            reading={editing}
            onDone={() => {
              setEditing(null);
              backToReadings();
            }}
          />
        ) : null}
        {canEdit ? (
          <ReadingForm
            heading="Add a reading"
            submitLabel="Add reading"
            initial={emptyReading}
            unit={measure.unit}
            busy={createReading.isPending}
            error={createReading.error}
            clearOnSave
            savedMessage="Reading added."
            onSave={async (input) => {
              await createReading.mutateAsync(input);
              return true;
            }}
          />
        ) : null}
      </section>

      <section className="measure-page__section" aria-labelledby="measure-details">
        <h2 id="measure-details">Details of the measure</h2>
        {canEdit ? (
          <StageRowCard
            planId={plan.id}
            name="measures"
            row={measure}
            legend={detailsTitle}
            onRemoved={() => void navigate(stagePath, { replace: true })}
          />
        ) : (
          <StageRowView name="measures" row={measure} heading={{ text: detailsTitle, level: 3 }} />
        )}
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
          deleteReading.mutate(removing.id, {
            onSuccess: () => {
              if (editing?.id === removing.id) setEditing(null);
              setRemoving(null);
              backToReadings();
            },
          });
        }}
      >
        <p>
          The reading of {removing ? formatDay(removing.date) : ''} (
          {removing ? formatMeasureValue(removing.value, measure.unit) : ''}) will be removed for everyone. This cannot
          be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function LoadedMeasure({ planId, measureId }: { planId: string; measureId: string }) {
  const plan = usePlan(planId);

  if (!plan.isSuccess)
    return (
      <QueryFallback query={plan} loadingLabel="Loading the measure…" errorTitle="The measure could not be loaded" />
    );

  const measure = plan.data.tables.measures.find((m) => m.id === measureId);
  if (!measure) return <NotFoundPage />;
  return <MeasureWorkspace plan={plan.data} measure={measure} />;
}

/** /plans/:planId/measures/:measureId: one measure's status, chart and readings. */
export function MeasurePage() {
  const { planId, measureId } = useParams();
  if (!planId || !measureId || !uuidPattern.test(planId) || !uuidPattern.test(measureId)) return <NotFoundPage />;
  return <LoadedMeasure planId={planId} measureId={measureId} />;
}
