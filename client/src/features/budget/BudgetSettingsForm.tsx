import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatCents } from '@planner/shared/format';
import { updatePlanSchema, type Plan, type PlanSummary, type UpdatePlan } from '@planner/shared/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlanFieldsClashAlert } from '../../components/PlanFieldsClashAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { applyServerErrors, fromText, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { usePlanFieldsForm } from '../../lib/plan-fields-form';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

interface SettingsTexts {
  averageTeacherCostCents: string;
  contractDays: string;
}
type Settings = Required<Pick<UpdatePlan, 'averageTeacherCostCents' | 'contractDays'>>;

const labels = { averageTeacherCostCents: 'Average teacher cost', contractDays: 'Contract days' } as const;
const { averageTeacherCostCents, contractDays } = updatePlanSchema.shape;
const resolver = labelledResolver(
  z.object({
    averageTeacherCostCents: fromText.dollars(averageTeacherCostCents.unwrap()),
    contractDays: fromText.wholeNumber(contractDays.unwrap()),
  }) as z.ZodType<Settings, SettingsTexts>,
  labels,
);

/** Saves the plan's cost figures (PATCH of the plan, by the plans feature). */
export interface CostSaver {
  save: (input: UpdatePlan) => Promise<PlanSummary>;
}

const costKeys = ['averageTeacherCostCents', 'contractDays'] as const;
const costText = (key: (typeof costKeys)[number], value: number) =>
  key === 'averageTeacherCostCents' ? formatCents(value) : String(value);

function Form({ plan, saver, onSaved }: { plan: Plan; saver: CostSaver; onSaved: () => void }) {
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<SettingsTexts, unknown, Settings>({
    resolver,
    defaultValues: {
      averageTeacherCostCents: costText('averageTeacherCostCents', plan.averageTeacherCostCents),
      contractDays: costText('contractDays', plan.contractDays),
    },
  });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = form;
  const fields = usePlanFieldsForm({ plan, keys: costKeys, form, toText: costText, save: saver.save });

  const error = fields.failure;
  const generalError = error
    ? error.code === 'version_conflict'
      ? 'Someone else saved this plan at the same moment, so your cost settings were not saved. They are still in the form: save again.'
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
  useUnsavedChanges('the cost settings', isDirty && !busy);

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      {fields.clash ? (
        <PlanFieldsClashAlert
          clash={fields.clash}
          labels={labels}
          display={costText}
          onTakeTheirs={fields.takeTheirs}
        />
      ) : null}
      <div className="form__row">
        <TextField
          label={`${labels.averageTeacherCostCents} (dollars a year)`}
          hint="Salary and benefits of an average teacher: prices released time and percentage supplements."
          inputMode="decimal"
          autoComplete="off"
          error={errors.averageTeacherCostCents?.message}
          {...register('averageTeacherCostCents')}
        />
        <TextField
          label={labels.contractDays}
          hint="Days in a teacher's contract year: prices extra days."
          inputMode="numeric"
          autoComplete="off"
          className="field--short"
          error={errors.contractDays?.message}
          {...register('contractDays')}
        />
      </div>
      <div className="form__actions">
        <SubmitButton disabled={!isDirty} busy={busy} label="Save cost settings" busyLabel="Saving…" />
      </div>
    </form>
  );
}

/** The district's figures the budget prices roles with; saved with the plan's version. */
export function BudgetSettingsForm({ plan, saver }: { plan: Plan; saver: CostSaver }) {
  const headingId = useId();
  const [savedMessage, setSavedMessage] = useState('');
  const savedRef = useRef<HTMLParagraphElement>(null);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Cost settings</h2>
      <Form
        plan={plan}
        saver={saver}
        onSaved={() => {
          setSavedMessage('Cost settings saved.');
          savedRef.current?.focus();
        }}
      />
      <p className="plan-settings__saved" ref={savedRef} tabIndex={-1} aria-live="polite">
        {savedMessage}
      </p>
    </section>
  );
}
