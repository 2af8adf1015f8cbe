import { useEffect, useId, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { roleArchetypes } from '@planner/shared/role-library';
import { roleFields } from '@planner/shared/role';
import { planRolePath } from '../../app/paths';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { bodyFieldErrors, fieldMessage, generalErrorMessage } from '../plans/field-errors';
import { useCreateRole } from './create-role';

const blank = 'blank';

interface NewRoleValues {
  start: string;
  title: string;
}

/** Starts a role from an archetype of the role library, its fields filled in, or from nothing. */
export function NewRoleSection({ planId }: { planId: string }) {
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const createRole = useCreateRole(planId);
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<NewRoleValues>({ defaultValues: { start: roleArchetypes[0]?.key ?? blank, title: '' } });
  const start = useWatch({ control, name: 'start' });
  const archetype = roleArchetypes.find((a) => a.key === start);

  const error = createRole.error;
  const generalError = error ? generalErrorMessage(error, ['title']) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const submit = handleSubmit(async ({ start: chosen, title }) => {
    const trimmed = title.trim();
    if (chosen === blank || trimmed !== '') {
      const parsed = roleFields.shape.title.safeParse(trimmed);
      if (!parsed.success) {
        setError('title', { type: 'required', message: parsed.error.issues[0]?.message }, { shouldFocus: true });
        return;
      }
    }
    try {
      const role = await createRole.mutateAsync({
        ...(chosen === blank ? {} : { archetype: chosen }),
        ...(trimmed === '' ? {} : { title: trimmed }),
      });
      void navigate(planRolePath(planId, role.id));
    } catch (caught) {
      const apiError = caught as ApiError;
      if (apiError.status !== 400) return;
      bodyFieldErrors(apiError, ['title'] as const).forEach(({ message }) => {
        setError('title', { type: 'server', message }, { shouldFocus: true });
      });
    }
  });

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>New role</h2>
      <p className="card__lede">
        Start from a common teacher-leader role, with its fields filled in for you to change, or from a blank role.
      </p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        <fieldset className="choice-cards">
          <legend className="field__label">Start from</legend>
          <ul className="choice-cards__list">
            {roleArchetypes.map((a) => (
              <li key={a.key}>
                <label className="choice-card">
                  <input type="radio" value={a.key} aria-describedby={`${id}-${a.key}`} {...register('start')} />
                  <span className="choice-card__text">
                    <span className="choice-card__name">{a.name}</span>
                    <span className="choice-card__summary" id={`${id}-${a.key}`}>
                      {a.summary}
                    </span>
                  </span>
                </label>
              </li>
            ))}
            <li>
              <label className="choice-card">
                <input type="radio" value={blank} aria-describedby={`${id}-blank`} {...register('start')} />
                <span className="choice-card__text">
                  <span className="choice-card__name">Blank role</span>
                  <span className="choice-card__summary" id={`${id}-blank`}>
                    Every field empty, to define a role of your own.
                  </span>
                </span>
              </label>
            </li>
          </ul>
        </fieldset>
        <TextField
          label="Title"
          hint={
            archetype
              ? `Leave empty to keep “${String(archetype.fields.title ?? archetype.name)}”; you can change it later.`
              : 'For example: Literacy coach'
          }
          maxLength={200}
          autoComplete="off"
          error={fieldMessage('Title', errors.title?.message)}
          {...register('title')}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={createRole.isPending}>
            {createRole.isPending ? 'Creating…' : 'Create role'}
          </button>
        </div>
      </form>
    </section>
  );
}
