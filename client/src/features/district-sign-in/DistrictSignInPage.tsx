import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { updateSignInSettingsSchema, type SignInSettings } from '@planner/shared/auth';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { domainsText, parseDomains } from './domains';
import { useSaveSignInSettings, useSignInSettings, useTurnOffSignIn } from './sign-in-settings';
import { SignInDomains } from './SignInDomains';
import styles from './district-sign-in.module.css';

const labels = {
  issuer: 'Provider address (issuer)',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  domains: 'Email domains',
  passwordsAllowed: 'Passwords',
} as const;

interface FormValues {
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  passwordsAllowed: boolean;
}

/** The form's text, read into what the server takes: the shared schema checks the result. */
const formSchema = z
  .object({
    issuer: z.string().trim(),
    clientId: z.string(),
    clientSecret: z.string(),
    domains: z.string(),
    passwordsAllowed: z.boolean(),
  })
  .transform(({ clientSecret, domains, ...rest }) => ({
    ...rest,
    ...(clientSecret.trim() === '' ? {} : { clientSecret }),
    domains: parseDomains(domains),
    version: 0,
  }))
  .pipe(updateSignInSettingsSchema);
const labelled = labelledResolver(formSchema, labels);

/** A wrong domain among several is said by name, at the one field that holds them all. */
const resolver: typeof labelled = async (values, context, options) => {
  const result = await labelled(values, context, options);
  const domainErrors = result.errors.domains as unknown;
  if (domainErrors && typeof domainErrors === 'object' && !('message' in domainErrors)) {
    const parsed = parseDomains(values.domains);
    const [index, first] = Object.entries(domainErrors as Record<string, { message?: string }>)[0] ?? [];
    const domain = parsed[Number(index)] ?? '';
    result.errors.domains = {
      type: 'invalid',
      message: `“${domain}” ${first?.message ?? 'is not an email domain'}`,
    };
  }
  return result;
};

interface SettingsFormProps {
  settings: SignInSettings;
  /** Kept by the page: a refusal outlives the form, which starts again from settings saved meanwhile. */
  save: ReturnType<typeof useSaveSignInSettings>;
  onSaved: (message: string) => void;
}

function SettingsForm({ settings, save, onSaved }: SettingsFormProps) {
  // The example is the domain of the administrator's own address, not another district's.
  const ownDomain = useCurrentUser().user.email.split('@').pop() ?? '';
  const alertRef = useRef<HTMLDivElement>(null);
  const checkboxId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<FormValues, unknown, z.output<typeof formSchema>>({
    resolver,
    defaultValues: {
      issuer: settings.issuer ?? '',
      clientId: settings.clientId ?? '',
      clientSecret: '',
      domains: domainsText(settings.domains.map((d) => d.domain)),
      passwordsAllowed: settings.passwordsAllowed,
    },
  });

  const error = save.error;
  const generalError = error
    ? error.code === 'version_conflict'
      ? 'Someone else changed these settings while you were editing. They are shown as they are now: make your change again.'
      : generalErrorMessage(error, labels)
    : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      // Without a secret on file, the provider cannot be reached: said at the field before asking the server.
      if (values.clientSecret === undefined && !settings.clientSecretSet) {
        setError(
          'clientSecret',
          { type: 'required', message: `${labels.clientSecret} is required to set up sign-in` },
          { shouldFocus: true },
        );
        return;
      }
      try {
        const saved = await save.mutateAsync({ ...values, version: settings.version });
        onSaved(
          saved.domains.every((d) => d.state === 'verified')
            ? 'Saved: the provider answered, and people of these domains can sign in through it now.'
            : 'Saved: the provider answered. The people of a domain sign in through it once the domain is verified, above.',
        );
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges('the sign-in settings', isDirty && !busy);

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <TextField
        label={labels.issuer}
        type="url"
        autoComplete="off"
        spellCheck={false}
        hint="For example https://accounts.google.com (Google Workspace), https://login.microsoftonline.com/<tenant id>/v2.0 (Microsoft Entra) or https://clever.com."
        required
        error={errors.issuer?.message}
        {...register('issuer')}
      />
      <div className="form__row">
        <TextField
          label={labels.clientId}
          autoComplete="off"
          spellCheck={false}
          required
          error={errors.clientId?.message}
          {...register('clientId')}
        />
        <TextField
          label={labels.clientSecret}
          type="password"
          autoComplete="new-password"
          hint={
            settings.clientSecretSet
              ? 'A secret is stored (never shown). Leave this empty to keep it.'
              : 'Stored encrypted; never shown again.'
          }
          required={!settings.clientSecretSet}
          error={errors.clientSecret?.message}
          {...register('clientSecret')}
        />
      </div>
      <TextField
        label={labels.domains}
        autoComplete="off"
        spellCheck={false}
        hint={`The email domains your provider signs in, separated by commas, such as ${ownDomain}`}
        required
        error={errors.domains?.message}
        {...register('domains')}
      />
      <fieldset className={styles['choice']}>
        <legend className="field__label">{labels.passwordsAllowed}</legend>
        <label className="checkbox" htmlFor={checkboxId}>
          <input id={checkboxId} type="checkbox" {...register('passwordsAllowed')} />
          People of these domains may still sign in with a password
        </label>
        <p className="field__hint">
          Turn this off to have everyone of these domains sign in only through the provider, your own account included
          when its email is of one of them.
        </p>
      </fieldset>
      <div className="form__actions">
        <SubmitButton busy={busy} label="Save sign-in settings" busyLabel="Checking the provider and saving…" />
      </div>
    </form>
  );
}

/** The district's own identity provider (OpenID Connect): set up, changed or turned off by an administrator. */
export function DistrictSignInPage() {
  useDocumentTitle('District sign-in');
  const { user } = useCurrentUser();
  const settings = useSignInSettings();
  const turnOff = useTurnOffSignIn();
  const save = useSaveSignInSettings();
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  // The domains card stays once its last domain is removed here, to say so and to take the focus the removed
  // domain's button had.
  const [domainsListed, setDomainsListed] = useState(false);
  if (!domainsListed && (settings.data?.domains.length ?? 0) > 0) setDomainsListed(true);

  if (user.role !== 'district_admin') {
    return (
      <div className="page page--narrow">
        <h1>District sign-in</h1>
        <p>Only district administrators set up how the district signs in.</p>
      </div>
    );
  }

  let content;
  if (settings.isPending) content = <LoadingState label="Loading the sign-in settings…" />;
  else if (settings.isError) {
    content = <LoadError title="The sign-in settings could not be loaded" query={settings} />;
  } else {
    const current = settings.data;
    const verified = current.domains.filter((d) => d.state === 'verified').map((d) => `@${d.domain}`);
    content = (
      <>
        <section className="card" aria-labelledby="sign-in-status-heading">
          <h2 id="sign-in-status-heading">
            {current.enabled ? 'Sign-in through your provider is on' : 'Everyone signs in with a password'}
          </h2>
          {current.enabled && verified.length > 0 ? (
            <p>
              People whose email ends in {verified.join(', ')} are offered “Continue” with the provider on the sign-in
              page
              {current.passwordsAllowed ? '; their passwords still work too' : ', and only that'}. Nobody gets in
              without an account or an open invitation of the district.
            </p>
          ) : current.enabled ? (
            <p>
              No email domain is verified yet: until one is, everyone signs in with a password. Verify your domains
              below.
            </p>
          ) : (
            <p>
              Set up your district’s Google Workspace, Microsoft Entra, Clever or other OpenID Connect provider below.
              People are matched by their verified email to their account or their open invitation; nobody else gets in.
            </p>
          )}
          <p className={styles['redirect']}>
            <span className="field__label">Redirect address to register with the provider</span>
            <code className={styles['redirect__url']}>{current.redirectUrl}</code>
          </p>
          {current.enabled ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                turnOff.reset();
                setConfirming(true);
              }}
            >
              Turn off sign-in through the provider
            </button>
          ) : null}
        </section>
        {current.domains.length > 0 || (domainsListed && !current.enabled) ? (
          <SignInDomains domains={current.domains} enabled={current.enabled} />
        ) : null}
        <section className="card" aria-labelledby="sign-in-settings-heading">
          <h2 id="sign-in-settings-heading">{current.enabled ? 'Change the provider' : 'Set up a provider'}</h2>
          {/* Saved settings come back with a new version, ours or someone else's: the form starts again from
              them, and says so when they were someone else's. */}
          <SettingsForm key={current.version} settings={current} save={save} onSaved={setMessage} />
          <p className={styles['saved']} role="status">
            {message}
          </p>
        </section>
        <ConfirmDialog
          open={confirming}
          title="Turn off sign-in through the provider?"
          confirmLabel="Turn off"
          busy={turnOff.isPending}
          busyLabel="Turning off…"
          error={turnOff.error?.detail}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            turnOff.mutate(undefined, {
              onSuccess: () => {
                setConfirming(false);
                setMessage('Sign-in through the provider is off: everyone signs in with a password.');
              },
            })
          }
        >
          <p>
            Everyone signs in with a password again. People who joined through the provider have none yet: they set one
            with “Forgot your password?” on the sign-in page.
          </p>
          <p>Your email domains stay your district’s, verified or not, for when you set up a provider again.</p>
        </ConfirmDialog>
      </>
    );
  }

  return (
    <div className="page">
      <h1>District sign-in</h1>
      <p className="page__lede">Let your district’s people sign in with the accounts they already have.</p>
      {content}
    </div>
  );
}
