import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Plan } from '@planner/shared/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { bodyFieldErrors, generalErrorMessage } from '../plans/field-errors';
import { useUpdatePlan } from '../plans/update-plan';
import { centsToDollarsText, dollarsParser, wholeNumberParser } from '../roles/RoleFieldControls';

interface SettingsValues {
  averageTeacherCost: string;
  contractDays: string;
}

const teacherCostLabel = 'Average teacher cost';
const contractDaysLabel = 'Contract days';
const parseTeacherCost = dollarsParser(teacherCostLabel, 10_000_000_00);
const parseContractDays = wholeNumberParser(contractDaysLabel, 366);

function Form({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const updatePlan = useUpdatePlan(plan.id);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<SettingsValues>({
    defaultValues: {
      averageTeacherCost: centsToDollarsText(plan.averageTeacherCostCents),
      contractDays: String(plan.contractDays),
    },
  });

  const error = updatePlan.error;
  const generalError = error
    ? error.code === 'version_conflict'
      ? 'Someone else changed this plan while you were editing. Its current values are shown now: make your change again.'
      : generalErrorMessage(error, ['averageTeacherCostCents', 'contractDays'])
    : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const submit = handleSubmit((values) => {
    const cost = parseTeacherCost(values.averageTeacherCost);
    const days = parseContractDays(values.contractDays);
    if (typeof cost === 'string') setError('averageTeacherCost', { message: cost }, { shouldFocus: true });
    if (typeof days === 'string' || days === 0) {
      setError(
        'contractDays',
        { message: typeof days === 'string' ? days : `${contractDaysLabel} must be at least 1.` },
        { shouldFocus: typeof cost !== 'string' },
      );
    }
    if (typeof cost === 'string' || typeof days === 'string' || days === 0) return;
    updatePlan.mutate(
      { averageTeacherCostCents: cost, contractDays: days, version: plan.version },
      {
        onSuccess: onSaved,
        onError: (apiError) => {
          if (apiError.status !== 400) return;
          bodyFieldErrors(apiError, ['averageTeacherCostCents', 'contractDays'] as const).forEach(
            (fieldError, index) => {
              const field = fieldError.field === 'contractDays' ? 'contractDays' : 'averageTeacherCost';
              const label = field === 'contractDays' ? contractDaysLabel : teacherCostLabel;
              setError(field, { message: `${label} ${fieldError.message}` }, { shouldFocus: index === 0 });
            },
          );
        },
      },
    );
  });

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="form__row">
        <TextField
          label={`${teacherCostLabel} (dollars a year)`}
          hint="Salary and benefits of an average teacher: prices released time and percentage supplements."
          inputMode="decimal"
          autoComplete="off"
          error={errors.averageTeacherCost?.message}
          {...register('averageTeacherCost')}
        />
        <TextField
          label={contractDaysLabel}
          hint="Days in a teacher's contract year: prices extra days."
          inputMode="numeric"
          autoComplete="off"
          className="field--short"
          error={errors.contractDays?.message}
          {...register('contractDays')}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={updatePlan.isPending || !isDirty}>
          {updatePlan.isPending ? 'Saving…' : 'Save cost settings'}
        </button>
      </div>
    </form>
  );
}

/** The district's figures the budget prices roles with; saved with the plan's version. */
export function BudgetSettingsForm({ plan }: { plan: Plan }) {
  const headingId = useId();
  const [savedMessage, setSavedMessage] = useState('');
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Cost settings</h2>
      {/* A new version means new saved values: the form starts again from them. */}
      <Form key={plan.version} plan={plan} onSaved={() => setSavedMessage('Cost settings saved.')} />
      <p className="plan-settings__saved" aria-live="polite">
        {savedMessage}
      </p>
    </section>
  );
}
