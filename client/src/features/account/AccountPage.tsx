import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { updateProfileSchema } from '@planner/shared/auth';
import { changePasswordSchema, type ChangePassword } from '@planner/shared/password';
import { personNameMax } from '@planner/shared/user';
import { userRoleLabels } from '@planner/shared/user-role';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordField } from '../../components/NewPasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useChangePassword, useRename } from './account';
import styles from './account.module.css';

const nameLabels = { name: 'Your name' } as const;
const nameResolver = labelledResolver(updateProfileSchema, nameLabels);
const passwordLabels = { currentPassword: 'Current password', newPassword: 'New password' } as const;
const passwordResolver = labelledResolver(changePasswordSchema, passwordLabels);

/** Focuses the alert of a failed request, so its message is read out at once. */
function useAlertFocus(error: ApiError | null, message: string | null) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && message) ref.current?.focus();
  }, [error, message]);
  return ref;
}

function NameForm() {
  const { user } = useCurrentUser();
  const rename = useRename();
  const [saved, setSaved] = useState('');
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm<{ name: string }>({ resolver: nameResolver, defaultValues: { name: user.name } });
  const nameLimit = useCharacterLimit(useWatch({ control, name: 'name' }).length, personNameMax);
  const generalError = rename.error ? generalErrorMessage(rename.error, nameLabels) : null;
  const alertRef = useAlertFocus(rename.error, generalError);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      if (!isDirty) return;
      setSaved('');
      try {
        const currentUser = await rename.mutateAsync(values);
        reset({ name: currentUser.user.name });
        setSaved('Your name is saved.');
      } catch (caught) {
        applyServerErrors(caught as ApiError, nameLabels, setError);
      }
    }),
  );
  useUnsavedChanges('your name', isDirty && !busy);

  return (
    <section className="card" aria-labelledby="account-name-heading">
      <h2 id="account-name-heading">Your name</h2>
      <p className="card__lede">How the planner names you to your colleagues: on comments, reviews and actions.</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        <TextField
          label={nameLabels.name}
          autoComplete="name"
          required
          limit={nameLimit}
          error={errors.name?.message}
          {...register('name')}
        />
        <div className="form__actions">
          <SubmitButton unavailable={!isDirty} busy={busy} label="Save name" busyLabel="Saving…" />
        </div>
        <p className={styles['saved']} role="status">
          {saved}
        </p>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { user } = useCurrentUser();
  const change = useChangePassword();
  const [saved, setSaved] = useState('');
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<ChangePassword>({
    resolver: passwordResolver,
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const generalError = change.error ? generalErrorMessage(change.error, passwordLabels) : null;
  const alertRef = useAlertFocus(change.error, generalError);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      setSaved('');
      try {
        const { emailed } = await change.mutateAsync(values);
        reset();
        setSaved(
          `Your password is changed. You stay signed in here; everywhere else you were signed in (other browsers and devices) is signed out.${
            emailed ? ` An email telling you so is on its way to ${user.email}.` : ''
          }`,
        );
      } catch (caught) {
        applyServerErrors(caught as ApiError, passwordLabels, setError);
      }
    }),
  );
  useUnsavedChanges('your new password', isDirty && !busy);

  return (
    <section className="card" aria-labelledby="account-password-heading">
      <h2 id="account-password-heading">Your password</h2>
      <p className="card__lede">
        Changing it signs you out everywhere else. If you joined through your district’s own sign-in provider, you have
        no password here to change; where your district also allows passwords, an administrator can make you a link to
        set one, on the People page.
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <TextField
          label={passwordLabels.currentPassword}
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <NewPasswordField
          label={passwordLabels.newPassword}
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <div className="form__actions">
          <SubmitButton busy={busy} label="Change password" busyLabel="Changing…" />
        </div>
        <p className={styles['saved']} role="status">
          {saved}
        </p>
      </form>
    </section>
  );
}

/** /account: the signed-in person's own name and password. */
export function AccountPage() {
  useDocumentTitle('Your account');
  const { user, district, schools } = useCurrentUser();
  return (
    <div className="page">
      <h1>Your account</h1>
      <dl className={styles['facts']}>
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{userRoleLabels[user.role]}</dd>
        </div>
        <div>
          <dt>District</dt>
          <dd>{district.name}</dd>
        </div>
        {schools.length > 0 ? (
          <div>
            <dt>Your schools</dt>
            <dd>{schools.map((s) => s.name).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">Your email and role are changed by a district administrator.</p>
      <div className={styles['cards']}>
        <NameForm />
        <PasswordForm />
      </div>
    </div>
  );
}
