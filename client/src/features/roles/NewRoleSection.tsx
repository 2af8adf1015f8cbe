import { useEffect, useId, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { roleArchetypes } from '@planner/shared/role-library';
import { roleFields, roleTitleMax, type Role } from '@planner/shared/role';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useCreateRole } from './create-role';
import styles from './roles.module.css';

const blank = 'blank';
const labels = { start: 'Start from', title: 'Title' } as const;

/** A title is needed for a blank role; from an archetype, an empty one keeps the archetype's. */
const newRoleSchema = z.object({ start: z.string(), title: z.string() }).superRefine(({ start, title }, ctx) => {
  if (start !== blank && title.trim() === '') return;
  const checked = roleFields.shape.title.safeParse(title);
  if (!checked.success) ctx.addIssue({ code: 'custom', path: ['title'], message: checked.error.issues[0]?.message });
});
const resolver = labelledResolver(newRoleSchema, labels);

/** Starts a role from an archetype of the role library, its fields filled in, or from nothing. */
export function NewRoleSection({ planId, onCreated }: { planId: string; onCreated: (role: Role) => void }) {
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const createRole = useCreateRole(planId);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isDirty },
  } = useForm({ resolver, defaultValues: { start: roleArchetypes[0]?.key ?? blank, title: '' } });
  const start = useWatch({ control, name: 'start' });
  const titleLimit = useCharacterLimit(useWatch({ control, name: 'title' }).length, roleTitleMax);
  const archetype = roleArchetypes.find((a) => a.key === start);

  const error = createRole.error;
  const generalError = error ? generalErrorMessage(error, labels) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async ({ start: chosen, title }) => {
      const trimmed = title.trim();
      try {
        const role = await createRole.mutateAsync({
          ...(chosen === blank ? {} : { archetype: chosen }),
          ...(trimmed === '' ? {} : { title: trimmed }),
        });
        onCreated(role);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges('the new role', isDirty && !busy);

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>New role</h2>
      <p className="card__lede">
        Start from a common teacher-leader role, with its fields filled in for you to change, or from a blank role.
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        <fieldset className={styles['choice-cards']}>
          <legend className="field__label">Start from</legend>
          <ul className={styles['choice-cards__list']}>
            {roleArchetypes.map((a) => (
              <li key={a.key}>
                <label className={styles['choice-card']}>
                  <input type="radio" value={a.key} aria-describedby={`${id}-${a.key}`} {...register('start')} />
                  <span className={styles['choice-card__text']}>
                    <span className={styles['choice-card__name']}>{a.name}</span>
                    <span className={styles['choice-card__summary']} id={`${id}-${a.key}`}>
                      {a.summary}
                    </span>
                  </span>
                </label>
              </li>
            ))}
            <li>
              <label className={styles['choice-card']}>
                <input type="radio" value={blank} aria-describedby={`${id}-blank`} {...register('start')} />
                <span className={styles['choice-card__text']}>
                  <span className={styles['choice-card__name']}>Blank role</span>
                  <span className={styles['choice-card__summary']} id={`${id}-blank`}>
                    Every field empty, to define a role of your own.
                  </span>
                </span>
              </label>
            </li>
          </ul>
        </fieldset>
        <TextField
          label={labels.title}
          hint={
            archetype
              ? `Leave empty to keep “${String(archetype.fields.title ?? archetype.name)}”; you can change it later.`
              : 'For example: Literacy coach'
          }
          limit={titleLimit}
          autoComplete="off"
          error={errors.title?.message}
          {...register('title')}
        />
        <div className="form__actions">
          <SubmitButton busy={busy} label="Create role" busyLabel="Creating…" />
        </div>
      </form>
    </section>
  );
}
