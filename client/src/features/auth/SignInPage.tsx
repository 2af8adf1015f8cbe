import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { LoginRequest } from '@planner/shared/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, useSingleSubmit } from '../../lib/form-errors';
import { productName } from '../../lib/product';
import { sessionEndedUnderPerson } from '../../lib/session-ended';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLogin } from './login';
import { useMe } from './me';
import { providerRefusalMessage } from './provider-refusals';
import { safeNextPath } from './safe-next-path';
import { useSignInMethod } from './sign-in-method';
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
  forgotPasswordHref: string;
}

export function SignInPage({ afterSignIn, signInPath, forgotPasswordHref }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const alertRef = useRef<HTMLDivElement>(null);

  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<LoginRequest>({
    // No checks of its own: the server's answer to a missing password or a malformed address names the
    // field, and shows beside it as any other error. The page loads no schemas (zod) to sign someone in.
    defaultValues: { email: '', password: '' },
  });

  // The email's district may sign in through its own provider: asked once the typing pauses.
  const email = useWatch({ control, name: 'email' });
  const method = useSignInMethod(useDebouncedValue(email, 350)).data;
  const provider = method?.method === 'provider' ? method : null;
  const passwordAllowed = provider?.passwordAllowed ?? true;

  const providerRefusal = providerRefusalMessage(searchParams.get('provider'));
  const generalError = login.error
    ? // The district signs this email in only through its provider: the button below says what to do.
      login.error.code === 'forbidden' && provider
      ? null
      : signInErrorMessage(login.error)
    : providerRefusal;

  // Each failed attempt is a new error object, so a repeated message is announced again.
  useEffect(() => {
    if (login.error && generalError) alertRef.current?.focus();
  }, [login.error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (credentials) => {
      try {
        await login.mutateAsync(credentials);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );

  if (me.isPending) {
    return <LoadingState label="Checking whether you are signed in…" />;
  }
  if (me.data) {
    return <Navigate to={safeNextPath(searchParams.get('next'), { fallback: afterSignIn, signInPath })} replace />;
  }

  return (
    <div className={styles['sign-in']}>
      <p className={styles['sign-in__product']}>{productName}</p>
      <h1>Sign in</h1>
      {sessionEndedUnderPerson() ? (
        <p className="alert alert--info" role="alert">
          Your session ended. Sign in again to go on where you were.
        </p>
      ) : null}
      <p className={styles['sign-in__lede']}>Use the email address your district registered for you.</p>

      {generalError ? (
        <ErrorAlert ref={alertRef} title={login.error ? undefined : 'You are not signed in'}>
          {generalError}
        </ErrorAlert>
      ) : null}

      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          // Only the provider signs this email in: Enter goes there, as the button does.
          if (provider?.providerUrl && !passwordAllowed) {
            event.preventDefault();
            window.location.assign(provider.providerUrl);
            return;
          }
          onSubmit(event);
        }}
      >
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
        {/* Always there, so that the offer is read out when it appears as the email is typed. */}
        <div className={styles['provider-slot']} aria-live="polite">
          {provider?.providerUrl ? (
            <div className={styles['provider']}>
              <p className={styles['provider__text']}>
                Your district signs you in through {provider.providerName ?? 'its own sign-in'}
                {passwordAllowed ? '; a password works too.' : '.'}
              </p>
              {/* A full page load: the server sends the browser on to the provider. */}
              <a className="button button--primary" href={provider.providerUrl}>
                Continue with {provider.providerName ?? 'your district’s sign-in'}
              </a>
            </div>
          ) : null}
        </div>
        {passwordAllowed ? (
          <>
            <TextField
              label={labels.password}
              type="password"
              autoComplete="current-password"
              required
              error={errors.password?.message}
              {...register('password')}
            />
            <SubmitButton
              className={`button ${provider ? 'button--secondary' : 'button--primary'}`}
              busy={busy}
              label="Sign in"
              busyLabel="Signing in…"
            />
          </>
        ) : null}
      </form>
      <p className={styles['sign-in__help']}>
        <Link to={forgotPasswordHref}>Forgot your password?</Link>
      </p>
    </div>
  );
}
