import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import {
  createPlanSchema,
  planStatuses,
  planStatusLabels,
  planStatusSchema,
  type CreatePlan,
  type Plan,
  type PlanStatus,
} from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';
import { paths } from '../../app/paths';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { countOf } from '../../lib/format';
import { useDeletePlan } from './delete-plan';
import { fieldMessage, generalErrorMessage, showFieldErrors } from './field-errors';
import { useUpdatePlan } from './update-plan';

const settingsSchema = createPlanSchema.extend({ status: planStatusSchema });
type Settings = CreatePlan & { status: PlanStatus };
const settingsFields = ['title', 'schoolYear', 'status'] as const;

interface PlanSettingsProps {
  plan: Plan;
  progress: PlanProgress;
}

function SettingsForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const updatePlan = useUpdatePlan(plan.id);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<Settings>({
    resolver: zodResolver(settingsSchema),
    defaultValues: { title: plan.title, schoolYear: plan.schoolYear, status: plan.status },
  });

  const error = updatePlan.error;
  const generalError = error
    ? error.code === 'version_conflict'
      ? 'Someone else changed these settings while you were editing. Their values are shown now: make your change again.'
      : generalErrorMessage(error, settingsFields)
    : null;

  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const submit = handleSubmit((values) => {
    updatePlan.mutate(
      { ...values, version: plan.version },
      {
        onSuccess: onSaved,
        onError: (apiError) => showFieldErrors(apiError, settingsFields, setError),
      },
    );
  });

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="form__row">
        <TextField
          label="Title"
          required
          maxLength={200}
          error={fieldMessage('Title', errors.title?.message)}
          {...register('title')}
        />
        <TextField
          label="School year"
          hint="For example 2027-28"
          required
          autoComplete="off"
          className="field--short"
          error={fieldMessage('School year', errors.schoolYear?.message)}
          {...register('schoolYear')}
        />
        <div className="field field--short">
          <label className="field__label" htmlFor={`plan-status-${plan.id}`}>
            Status
          </label>
          <select id={`plan-status-${plan.id}`} className="field__input" {...register('status')}>
            {planStatuses.map((status) => (
              <option key={status} value={status}>
                {planStatusLabels[status]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={updatePlan.isPending || !isDirty}>
          {updatePlan.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}

/** Rename the plan, change its school year or status, or delete it. Only for administrators. */
export function PlanSettings({ plan, progress }: PlanSettingsProps) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [savedMessage, setSavedMessage] = useState('');
  const deletePlan = useDeletePlan(plan.id);
  const navigate = useNavigate();
  const actionCount = plan.stages.reduce((n, stage) => n + stage.actions.length, 0);
  const customCount = plan.stages.reduce(
    (n, stage) => n + stage.questions.filter((q) => q.isCustom).length + stage.actions.filter((a) => a.isCustom).length,
    0,
  );

  return (
    <details className="plan-settings">
      <summary className="plan-settings__summary">Plan settings</summary>
      <div className="plan-settings__body">
        {/* A new version means new saved values: the form starts again from them. */}
        <SettingsForm key={plan.version} plan={plan} onSaved={() => setSavedMessage('Settings saved.')} />
        <p className="plan-settings__saved" aria-live="polite">
          {savedMessage}
        </p>
        <div className="plan-settings__danger">
          <p>Deleting a plan removes it for everyone in the district.</p>
          <button type="button" className="button button--danger" onClick={() => setConfirmingDelete(true)}>
            Delete plan
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete “${plan.title}”?`}
        confirmLabel="Delete plan"
        busy={deletePlan.isPending}
        busyLabel="Deleting…"
        error={deletePlan.error?.detail}
        onCancel={() => {
          setConfirmingDelete(false);
          deletePlan.reset();
        }}
        onConfirm={() =>
          deletePlan.mutate(undefined, {
            onSuccess: () => {
              setConfirmingDelete(false);
              void navigate(paths.plans, { replace: true });
            },
          })
        }
      >
        <p>
          The {plan.schoolYear} plan will be deleted for everyone in the district, with everything in it: the answers to{' '}
          {countOf(progress.answeredQuestions, 'key question')}, {countOf(actionCount, 'high-impact action')} with their
          status, owners, due dates and notes, and {countOf(customCount, 'question or action', 'questions and actions')}{' '}
          your district added. This cannot be undone.
        </p>
      </ConfirmDialog>
    </details>
  );
}
