import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { passwordResetSchema } from '@planner/shared/password';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { NewPasswordField, passwordHint } from '../../components/NewPasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { isApiError, type ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { productName } from '../../lib/product';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useResetLinkPreview, useResetPassword } from './password-reset';
import styles from './auth.module.css';

const labels = { password: 'New password' } as const;
const resolver = labelledResolver(passwordResetSchema, labels);

interface ResetPasswordPageProps {
  token: string;
  forgotPasswordHref: string;
  signInHref: string;
  /** Where the person goes once the new password is set (and they are signed in). */
  onSignedIn: () => void;
}

function ResetForm({ token, email, onSignedIn }: { token: string; email: string; onSignedIn: () => void }) {
  const reset = useResetPassword(token);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<{ password: string }>({ resolver, defaultValues: { password: '' } });

  const generalError = reset.error ? generalErrorMessage(reset.error, labels) : null;
  useEffect(() => {
    if (reset.error && generalError) alertRef.current?.focus();
  }, [reset.error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      try {
        await reset.mutateAsync(values);
        onSignedIn();
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField
        label={labels.password}
        hint={passwordHint}
        error={errors.password?.message}
        {...register('password')}
      />
      <SubmitButton busy={busy} label="Set password and sign in" busyLabel="Saving…" />
    </form>
  );
}

/** /reset-password/:token, from the emailed link or one an administrator made: a new password, once. */
export function ResetPasswordPage({ token, forgotPasswordHref, signInHref, onSignedIn }: ResetPasswordPageProps) {
  useDocumentTitle('Choose a new password');
  const preview = useResetLinkPreview(token);

  let content;
  if (preview.isPending) {
    content = <LoadingState label="Checking your link…" />;
  } else if (preview.isError) {
    const spent = isApiError(preview.error) && [400, 404].includes(preview.error.status);
    content = (
      <>
        <ErrorAlert title={spent ? 'This link does not work any more' : 'Your link could not be checked'}>
          <p>
            {spent
              ? 'It was used already, is more than an hour old, or a newer link was made since. Ask for a new one.'
              : isApiError(preview.error)
                ? preview.error.detail
                : 'Try again in a moment.'}
          </p>
        </ErrorAlert>
        <p>
          <Link to={forgotPasswordHref}>Email me a new link</Link>
        </p>
      </>
    );
  } else {
    content = (
      <>
        <p className={styles['sign-in__lede']}>
          For <strong>{preview.data.email}</strong> at {preview.data.districtName}. Every other place you are signed in
          is signed out.
        </p>
        <ResetForm token={token} email={preview.data.email} onSignedIn={onSignedIn} />
      </>
    );
  }

  return (
    <div className={styles['public-page']}>
      <p className={styles['sign-in__product']}>{productName}</p>
      <h1>Choose a new password</h1>
      {content}
      <p className={styles['sign-in__help']}>
        <Link to={signInHref}>Back to sign in</Link>
      </p>
    </div>
  );
}
