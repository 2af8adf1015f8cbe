import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import {
  createPlanSchema,
  limits,
  planContentsSchema,
  planStatuses,
  planStatusLabels,
  planStatusSchema,
  type CreatePlan,
  type Plan,
  type PlanStatus,
} from '@planner/shared/plan';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useDeletePlan } from './delete-plan';
import { planContentsQueryKey, usePlanContents } from './plan-contents';
import { PlanContentsList } from './PlanContentsList';
import { usePlanFieldsForm } from '../../lib/plan-fields-form';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { PlanFieldsClashAlert } from '../../components/PlanFieldsClashAlert';
import { useUpdatePlan } from './update-plan';
import styles from './plans.module.css';

type Settings = CreatePlan & { status: PlanStatus };
const labels = { title: 'Title', schoolYear: 'School year', status: 'Status' } as const;
const resolver = labelledResolver(createPlanSchema.extend({ status: planStatusSchema }), labels);

interface PlanSettingsProps {
  plan: Plan;
  /** Where the person goes once the plan is deleted. */
  onDeleted: () => void;
}

const settingKeys = ['title', 'schoolYear', 'status'] as const;
const settingText = (key: (typeof settingKeys)[number], value: string) => value;
const settingDisplay = (key: (typeof settingKeys)[number], value: string) =>
  key === 'status' ? planStatusLabels[value as PlanStatus] : value;

function SettingsForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const updatePlan = useUpdatePlan(plan.id);
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<Settings>({
    resolver,
    defaultValues: { title: plan.title, schoolYear: plan.schoolYear, status: plan.status },
  });
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isDirty },
  } = form;
  const titleLimit = useCharacterLimit(useWatch({ control, name: 'title' }).length, limits.title);
  const fields = usePlanFieldsForm({
    plan,
    keys: settingKeys,
    form,
    toText: settingText,
    save: updatePlan.mutateAsync,
  });

  const error = fields.failure;
  const generalError = error
    ? error.code === 'version_conflict'
      ? 'Someone else saved this plan at the same moment, so your settings were not saved. They are still in the form: save again.'
      : generalErrorMessage(error, labels)
    : null;

  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      const result = await fields.submit(values);
      if (result === 'saved') onSaved();
      else if (result !== 'clash') applyServerErrors(result, labels, setError);
    }),
  );
  useUnsavedChanges('the plan settings', isDirty && !busy);

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      {fields.clash ? (
        <PlanFieldsClashAlert
          clash={fields.clash}
          labels={labels}
          display={settingDisplay}
          onTakeTheirs={fields.takeTheirs}
        />
      ) : null}
      <div className="form__row">
        <TextField
          label={labels.title}
          required
          limit={titleLimit}
          error={errors.title?.message}
          {...register('title')}
        />
        <TextField
          label={labels.schoolYear}
          hint="For example 2027-28"
          required
          autoComplete="off"
          className="field--short"
          error={errors.schoolYear?.message}
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
        <SubmitButton disabled={!isDirty} busy={busy} label="Save settings" busyLabel="Saving…" />
      </div>
    </form>
  );
}

/** Rename the plan, change its school year or status, or delete it. Only for administrators. */
export function PlanSettings({ plan, onDeleted }: PlanSettingsProps) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [savedMessage, setSavedMessage] = useState('');
  const savedRef = useRef<HTMLParagraphElement>(null);
  const deletePlan = useDeletePlan(plan.id);
  const contents = usePlanContents(plan.id, confirmingDelete);
  const queryClient = useQueryClient();
  // Saved to since the dialog counted it: the dialog now lists what the plan holds, and a second confirm
  // deletes that.
  const changedSince = deletePlan.error?.code === 'version_conflict';

  return (
    <details className={styles['plan-settings']}>
      <summary className={styles['plan-settings__summary']}>Plan settings</summary>
      <div className={styles['plan-settings__body']}>
        <SettingsForm
          plan={plan}
          onSaved={() => {
            setSavedMessage('Settings saved.');
            savedRef.current?.focus();
          }}
        />
        <p className="plan-settings__saved" ref={savedRef} tabIndex={-1} aria-live="polite">
          {savedMessage}
        </p>
        <ItemHistorySlot itemId={plan.id} label="the plan settings" versions={{ plan: plan.version }} />
        <div className={styles['plan-settings__danger']}>
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
        error={
          changedSince
            ? 'Someone saved to this plan after you opened this, so nothing was deleted. It now holds what is listed below.'
            : deletePlan.error?.detail
        }
        onCancel={() => {
          setConfirmingDelete(false);
          deletePlan.reset();
        }}
        onConfirm={() => {
          // Only what the person has seen counted is deleted.
          if (!contents.isSuccess) return;
          deletePlan.mutate(contents.data.revision, {
            onSuccess: () => {
              setConfirmingDelete(false);
              onDeleted();
            },
            onError: (error) => {
              const now = planContentsSchema.safeParse(error.current);
              if (error.code === 'version_conflict' && now.success) {
                queryClient.setQueryData(planContentsQueryKey(plan.id), now.data);
              }
            },
          });
        }}
      >
        <p>The {plan.schoolYear} plan will be deleted for everyone in the district, with everything in it:</p>
        {contents.isSuccess ? (
          <PlanContentsList contents={contents.data} />
        ) : (
          <p role="status">
            {contents.isError ? 'What the plan holds could not be counted.' : 'Counting what the plan holds…'}
          </p>
        )}
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </details>
  );
}
