import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { passwordResetRequestSchema } from '@planner/shared/password';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { productName } from '../../lib/product';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRequestPasswordReset } from './password-reset';
import styles from './auth.module.css';

const labels = { email: 'Email address' } as const;
const resolver = labelledResolver(passwordResetRequestSchema, labels);

/** "Forgot your password?": a link to choose a new one is emailed, with the same answer for any email. */
export function ForgotPasswordPage({ signInHref }: { signInHref: string }) {
  useDocumentTitle('Forgot your password?');
  const request = useRequestPasswordReset();
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    formState: { errors },
  } = useForm<{ email: string }>({ resolver, defaultValues: { email: '' } });

  const generalError = request.error ? generalErrorMessage(request.error, labels) : null;
  useEffect(() => {
    if (request.error && generalError) alertRef.current?.focus();
  }, [request.error, generalError]);
  useEffect(() => {
    if (request.isSuccess) doneRef.current?.focus();
  }, [request.isSuccess]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      try {
        await request.mutateAsync(values);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );

  return (
    <div className={styles['public-page']}>
      <p className={styles['sign-in__product']}>{productName}</p>
      <h1>Forgot your password?</h1>
      {request.isSuccess ? (
        <div ref={doneRef} tabIndex={-1} className={styles['status-message']} role="status">
          <p>
            <strong>Check your email.</strong> {request.data.message}
          </p>
          <p>
            We wrote to <strong>{getValues('email')}</strong>. Nothing there after a few minutes? Look in your spam
            folder, or ask your district administrator for a reset link.
          </p>
        </div>
      ) : (
        <>
          <p className={styles['sign-in__lede']}>
            Enter the email address you sign in with. We will email you a link to choose a new password.
          </p>
          {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              label={labels.email}
              type="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              error={errors.email?.message}
              {...register('email')}
            />
            <SubmitButton busy={busy} label="Email me a link" busyLabel="Sending…" />
          </form>
        </>
      )}
      <p className={styles['sign-in__help']}>
        <Link to={signInHref}>Back to sign in</Link>
      </p>
    </div>
  );
}
