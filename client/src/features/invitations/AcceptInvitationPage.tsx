import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { acceptInvitationSchema, type AcceptInvitation, type InvitationPreview } from '@planner/shared/invitation';
import { personNameMax } from '@planner/shared/user';
import { userRoleLabels } from '@planner/shared/user-role';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { NewPasswordField } from '../../components/NewPasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { isApiError, type ApiError } from '../../lib/api';
import { districtDateTime } from '../../lib/district-time';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { productName } from '../../lib/product';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useAcceptInvitation, useInvitationPreview } from './accept-invitation';
import styles from './invitations.module.css';

// The names messages start with ("Password must be at least 12 characters"); the password's label asks.
const labels = { name: 'Your name', password: 'Password' } as const;
const resolver = labelledResolver(acceptInvitationSchema, labels);

interface AcceptInvitationPageProps {
  token: string;
  signInHref: string;
  /** Who this browser is signed in as already, if anyone: joining ends that session. */
  signedInAs: { name: string; email: string } | null;
  /** Where the new person goes, signed in. */
  onSignedIn: () => void;
}

/** What the role lets the person do, in a sentence. */
function roleSentence(invitation: InvitationPreview): string {
  switch (invitation.role) {
    case 'district_admin':
      return 'You will write the district’s plans and bring in its people and schools.';
    case 'principal':
      return invitation.schools.length > 0
        ? `You will review the teacher-leader roles of ${invitation.schools.join(', ')}.`
        : 'You will review the teacher-leader roles of the schools a district administrator assigns you later.';
    case 'viewer':
      return 'You will read the district’s plans.';
  }
}

function AcceptForm({
  token,
  invitation,
  onSignedIn,
}: {
  token: string;
  invitation: InvitationPreview;
  onSignedIn: () => void;
}) {
  const accept = useAcceptInvitation(token);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<AcceptInvitation>({ resolver, defaultValues: { name: invitation.name, password: '' } });
  const nameLimit = useCharacterLimit(useWatch({ control, name: 'name' }).length, personNameMax);

  const generalError = accept.error ? generalErrorMessage(accept.error, labels) : null;
  useEffect(() => {
    if (accept.error && generalError) alertRef.current?.focus();
  }, [accept.error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      try {
        await accept.mutateAsync(values);
        onSignedIn();
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
      <TextField
        label={labels.name}
        hint="As your colleagues will see it."
        autoComplete="name"
        required
        limit={nameLimit}
        error={errors.name?.message}
        {...register('name')}
      />
      <NewPasswordField label="Choose a password" error={errors.password?.message} {...register('password')} />
      <SubmitButton busy={busy} label="Join and sign in" busyLabel="Joining…" />
    </form>
  );
}

/**
 * Where the district signs the invitee's email in through its provider: they join by signing in there, and
 * the invitation (its role and schools) is accepted when the provider sends them back.
 */
function ThroughProvider({ invitation, providerUrl }: { invitation: InvitationPreview; providerUrl: string }) {
  const provider = invitation.signIn.providerName ?? 'your district’s sign-in';
  return (
    <div className={styles['invitation__provider']}>
      <p>{roleSentence(invitation)}</p>
      <p>
        {invitation.districtName} signs you in through {provider}. Continue there and sign in as {invitation.email}:
        when it sends you back, you join as {invitation.name}, with the role above, and are signed in.
        {invitation.signIn.passwordAllowed
          ? ' You can choose a password below instead.'
          : ' There is no password to choose: you always sign in through it.'}{' '}
        You can change your name later on your Account page.
      </p>
      {/* A full page load: the server sends the browser on to the provider. */}
      <a className="button button--primary" href={providerUrl}>
        Continue with {provider}
      </a>
    </div>
  );
}

/**
 * /invitations/:token, from the emailed link: the district and role, then a name and password, or the way
 * through the district's provider.
 */
export function AcceptInvitationPage({ token, signInHref, signedInAs, onSignedIn }: AcceptInvitationPageProps) {
  useDocumentTitle('Accept your invitation');
  const preview = useInvitationPreview(token);

  let content;
  if (preview.isPending) {
    content = <LoadingState label="Checking your invitation…" />;
  } else if (preview.isError) {
    const spent = isApiError(preview.error) && [400, 404].includes(preview.error.status);
    content = (
      <>
        <ErrorAlert
          title={spent ? 'This invitation link does not work any more' : 'Your invitation could not be checked'}
        >
          <p>
            {spent
              ? 'It was used already, was revoked or replaced by a newer one, or is more than a week old. Ask your district administrator to send it again.'
              : isApiError(preview.error)
                ? preview.error.detail
                : 'Try again in a moment.'}
          </p>
        </ErrorAlert>
        <p>
          Joined already? <Link to={signInHref}>Sign in</Link>
        </p>
      </>
    );
  } else {
    const invitation = preview.data;
    content = (
      <>
        <p className={styles['invitation__lede']}>
          {invitation.districtName} invites you to its {productName}.
        </p>
        <dl className={styles['invitation__facts']}>
          <div>
            <dt>Email</dt>
            <dd>{invitation.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{userRoleLabels[invitation.role]}</dd>
          </div>
          {invitation.schools.length > 0 ? (
            <div>
              <dt>Schools</dt>
              <dd>{invitation.schools.join(', ')}</dd>
            </div>
          ) : null}
          <div>
            <dt>Link works until</dt>
            <dd>{districtDateTime(invitation.expiresAt, invitation.districtTimeZone)}</dd>
          </div>
        </dl>
        {signedInAs ? (
          // Someone else's session in this browser (a colleague's computer, or an admin trying the link) is
          // replaced by the new account's: said before they join, not found out after.
          <p className={styles['invitation__session']}>
            You are signed in as {signedInAs.name} ({signedInAs.email}). Joining signs you out of that account and in as
            the new one.
          </p>
        ) : null}
        {invitation.signIn.providerUrl ? (
          <ThroughProvider invitation={invitation} providerUrl={invitation.signIn.providerUrl} />
        ) : (
          <p>{roleSentence(invitation)} Choose your password to join.</p>
        )}
        {invitation.signIn.passwordAllowed ? (
          <AcceptForm token={token} invitation={invitation} onSignedIn={onSignedIn} />
        ) : null}
      </>
    );
  }

  return (
    <div className={styles['invitation']}>
      <p className={styles['invitation__product']}>{productName}</p>
      <h1>Accept your invitation</h1>
      {content}
    </div>
  );
}
