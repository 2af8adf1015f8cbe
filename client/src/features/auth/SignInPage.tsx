import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useSearchParams } from 'react-router';
import { loginRequestSchema, type LoginRequest } from '@planner/shared/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver } from '../../lib/forms';
import { productName } from '../../lib/product';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLogin } from './login';
import { useMe } from './me';
import { safeNextPath } from './safe-next-path';
import styles from './auth.module.css';

const labels = { email: 'Email address', password: 'Password' } as const;

/** The message for the alert above the form, or null when the fields show everything. */
function signInErrorMessage(error: ApiError): string | null {
  if (error.code === 'too_many_attempts') {
    if (error.retryAfterSeconds === null) return 'Too many sign-in attempts. Try again later.';
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return `Too many sign-in attempts. Try again in ${String(minutes)} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  return generalErrorMessage(error, labels);
}

interface SignInPageProps {
  /** Where a person goes when the sign-in link names nowhere to return to. */
  afterSignIn: string;
  signInPath: string;
}

export function SignInPage({ afterSignIn, signInPath }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const alertRef = useRef<HTMLDivElement>(null);

  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginRequest>({
    resolver: labelledResolver(loginRequestSchema, labels),
    defaultValues: { email: '', password: '' },
  });

  const generalError = login.error ? signInErrorMessage(login.error) : null;

  // Each failed attempt is a new error object, so a repeated message is announced again.
  useEffect(() => {
    if (login.error && generalError) alertRef.current?.focus();
  }, [login.error, generalError]);

  if (me.isPending) {
    return <LoadingState label="Checking whether you are signed in…" />;
  }
  if (me.data) {
    return <Navigate to={safeNextPath(searchParams.get('next'), { fallback: afterSignIn, signInPath })} replace />;
  }

  const onSubmit = handleSubmit((credentials) => {
    login.mutate(credentials, {
      onError: (error) => {
        applyServerErrors(error, labels, setError);
      },
    });
  });

  return (
    <div className={styles['sign-in']}>
      <p className={styles['sign-in__product']}>{productName}</p>
      <h1>Sign in</h1>
      <p className={styles['sign-in__lede']}>Use the email address your district registered for you.</p>

      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}

      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
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
        <TextField
          label={labels.password}
          type="password"
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...register('password')}
        />
        <button type="submit" className="button button--primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
