import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { Invitation } from '@planner/shared/invitation';
import type { School } from '@planner/shared/school';
import { schoolIdsSchema, userRoleChoice, type DistrictUser } from '@planner/shared/user';
import { userRoleLabels } from '@planner/shared/user-role';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import type { ApiError } from '../../lib/api';
import {
  applyServerErrors,
  generalErrorMessage,
  labelledResolver,
  serverFieldErrors,
  useSingleSubmit,
} from '../../lib/forms';
import { useAfterCommit } from '../../lib/use-after-commit';
import { InvitationsToRevoke, revokedNote } from './InvitationsToRevoke';
import { OneTimeLink } from './OneTimeLink';
import { useMakeResetLink, useUpdatePerson } from './people-api';
import { lastSignInText, personStatusLabels, schoolNames } from './people-rows';
import { RoleSelect } from './RoleSelect';
import { SchoolChecklist } from './SchoolChecklist';
import styles from './people.module.css';
import { useDistrictDateTime } from '../../lib/district-time';
import { useEscapeKey } from '../../lib/escape-key';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

const labels = { role: 'Role', schoolIds: 'Schools' } as const;
const changeSchema = z.object({ role: userRoleChoice, schoolIds: schoolIdsSchema });
type Change = z.infer<typeof changeSchema>;
const resolver = labelledResolver(changeSchema, labels);

/** A change that met someone else's first, or the server's refusal (the last administrator), in words. */
function updateErrorMessage(error: ApiError, name: string): string | null {
  if (error.code === 'version_conflict') {
    return `Someone else changed ${name} while you were looking. The list shows them as they are now: make your change again.`;
  }
  return generalErrorMessage(error, labels);
}

function ChangeForm({
  person,
  schools,
  invitationsSent,
  currentUserId,
  onDone,
}: {
  person: DistrictUser;
  schools: readonly School[];
  invitationsSent: readonly Invitation[];
  currentUserId: string;
  onDone: (message: string) => void;
}) {
  const update = useUpdatePerson(currentUserId);
  const alertRef = useRef<HTMLDivElement>(null);
  // A change that revokes the person's invitations waits here for the admin to confirm it.
  const [toConfirm, setToConfirm] = useState<Change | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<Change>({ resolver, defaultValues: { role: person.role, schoolIds: person.schoolIds } });
  const role = useWatch({ control, name: 'role' });

  useEffect(() => setFocus('role'), [setFocus]);

  const generalError = update.error ? updateErrorMessage(update.error, person.name) : null;
  useEffect(() => {
    if (update.error && generalError) alertRef.current?.focus();
  }, [update.error, generalError]);

  const save = async (values: Change) => {
    try {
      await update.mutateAsync({
        userId: person.id,
        changes: {
          role: values.role,
          ...(values.role === 'principal' ? { schoolIds: values.schoolIds } : {}),
          version: person.version,
        },
      });
      const saved = `${person.name} is saved as ${userRoleLabels[values.role].toLowerCase()}.`;
      onDone(values.role === 'district_admin' ? saved : `${saved}${revokedNote(invitationsSent.length)}`);
    } catch (caught) {
      applyServerErrors(caught as ApiError, labels, setError);
    }
  };

  const isSelf = person.id === currentUserId;
  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      // Asked first: the invitations it revokes, or an administrator giving up their own People page.
      if (values.role !== 'district_admin' && (invitationsSent.length > 0 || isSelf)) {
        update.reset();
        setToConfirm(values);
        return;
      }
      await save(values);
    }),
  );
  useUnsavedChanges(`${person.name}’s role`, isDirty && !busy);
  // In the dialog, a refused school is said in words too: the form's fields are behind it.
  const confirmError = update.error
    ? (updateErrorMessage(update.error, person.name) ??
      serverFieldErrors(update.error, labels)
        .map((e) => e.message)
        .join(' '))
    : null;

  const escapeScope = useEscapeKey<HTMLFormElement>(busy ? undefined : () => onDone(''));
  return (
    <>
      <form className={`form ${styles['change-form']}`} noValidate onSubmit={onSubmit} {...escapeScope}>
        {/* While the dialog is open it says the refusal: said behind it too, it would be announced twice. */}
        {generalError && toConfirm === null ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        <RoleSelect label={labels.role} error={errors.role?.message} {...register('role')} />
        {role === 'principal' ? (
          <Controller
            control={control}
            name="schoolIds"
            render={({ field, fieldState }) => (
              <SchoolChecklist
                schools={schools}
                value={field.value}
                onChange={field.onChange}
                firstRef={field.ref}
                hint="The schools whose teacher-leader roles they review."
                error={fieldState.error?.message}
              />
            )}
          />
        ) : null}
        <div className="form__actions">
          <SubmitButton busy={busy} label="Save changes" busyLabel="Saving…" />
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => onDone('')}>
            Cancel
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={toConfirm !== null}
        title={`Make ${isSelf ? 'yourself' : person.name} a ${userRoleLabels[toConfirm?.role ?? role].toLowerCase()}?`}
        confirmLabel="Change role"
        busy={update.isPending}
        busyLabel="Saving…"
        error={confirmError}
        onCancel={() => {
          setToConfirm(null);
          // The change is given up: its refusal goes with the dialog, not on to the form behind it.
          update.reset();
        }}
        onConfirm={() => {
          if (toConfirm) void save(toConfirm);
        }}
      >
        {isSelf ? (
          <p>
            You are changing your own role. You will no longer be a district administrator: the People page closes to
            you, and only another administrator can make you one again.
          </p>
        ) : (
          <p>{person.name} will no longer be a district administrator.</p>
        )}
        <InvitationsToRevoke invitations={invitationsSent} self={isSelf} />
      </ConfirmDialog>
    </>
  );
}

interface PersonCardProps {
  person: DistrictUser;
  schools: readonly School[];
  /** The open invitations this person sent: revoked when they stop being an active administrator. */
  invitationsSent: readonly Invitation[];
  currentUserId: string;
}

/** A person of the district: who they are, and what an administrator can change of them. */
export function PersonCard({ person, schools, invitationsSent, currentUserId }: PersonCardProps) {
  const dateTime = useDistrictDateTime();
  const changeButtonRef = useRef<HTMLButtonElement>(null);
  const [changing, setChanging] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const afterCommit = useAfterCommit();
  const update = useUpdatePerson(currentUserId);
  const resetLink = useMakeResetLink();
  const resetButtonRef = useRef<HTMLButtonElement>(null);
  const nameRef = useRef<HTMLHeadingElement>(null);
  const [link, setLink] = useState<{ resetUrl: string; expiresAt: string } | null>(null);
  const isSelf = person.id === currentUserId;
  const status = person.active ? 'active' : 'deactivated';
  const activeChange = person.active ? 'Deactivate' : 'Reactivate';

  const toggleActive = () =>
    update.mutate(
      { userId: person.id, changes: { active: !person.active, version: person.version } },
      {
        onSuccess: (saved) => {
          setConfirming(false);
          setMessage(
            saved.active
              ? `${saved.name} is active again and can sign in.`
              : `${saved.name} is deactivated: every session of theirs has ended.${revokedNote(invitationsSent.length)}`,
          );
        },
      },
    );

  return (
    <li className={styles['person']}>
      <div className={styles['person__head']}>
        <h3 className={styles['person__name']} ref={nameRef} tabIndex={-1}>
          {person.name}
          {isSelf ? <span className={styles['person__you']}> (you)</span> : null}
        </h3>
        <span className={`status-badge ${styles[`status--${status}`]}`}>{personStatusLabels[status]}</span>
      </div>
      <dl className={styles['person__facts']}>
        <div>
          <dt>Email</dt>
          <dd>{person.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{userRoleLabels[person.role]}</dd>
        </div>
        {person.role === 'principal' ? (
          <div>
            <dt>Schools</dt>
            <dd>{schoolNames(person.schoolIds, schools) || 'None yet'}</dd>
          </div>
        ) : null}
        <div>
          <dt>Last sign-in</dt>
          <dd>{lastSignInText(person.lastSignInAt ?? null, dateTime)}</dd>
        </div>
      </dl>

      <p className={styles['person__message']} role="status">
        {message}
      </p>
      {resetLink.error ? <ErrorAlert>{resetLink.error.detail}</ErrorAlert> : null}
      {link ? (
        <OneTimeLink
          headingLevel={4}
          title={`Password reset link for ${person.name}`}
          url={link.resetUrl}
          onDismiss={() => {
            setLink(null);
            // The link's section goes with its Done button: back to the button that made the link, or, when that
            // is not shown (the person's form is open, or they were deactivated), to their name.
            (resetButtonRef.current ?? nameRef.current)?.focus();
          }}
        >
          <p>
            Send it to {person.email} yourself. It sets a new password once, until {dateTime(link.expiresAt)}; a newer
            link replaces it.
          </p>
        </OneTimeLink>
      ) : null}

      {changing ? (
        <ChangeForm
          person={person}
          schools={schools}
          invitationsSent={invitationsSent}
          currentUserId={currentUserId}
          onDone={(done) => {
            setChanging(false);
            setMessage(done);
            // The button comes back with the form gone: focused before that, the focus would fall to the page.
            afterCommit(() => changeButtonRef.current?.focus());
          }}
        />
      ) : (
        <div className={styles['person__actions']}>
          <button
            ref={changeButtonRef}
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setMessage('');
              setChanging(true);
            }}
          >
            Change role or schools<span className="visually-hidden"> of {person.name}</span>
          </button>
          {person.active ? (
            <button
              ref={resetButtonRef}
              type="button"
              className="button button--secondary button--small"
              // Busy rather than disabled, so that the button keeps focus until the link takes it.
              aria-disabled={resetLink.isPending || undefined}
              onClick={() => {
                if (resetLink.isPending) return;
                setMessage('');
                resetLink.mutate(person.id, { onSuccess: setLink });
              }}
            >
              {resetLink.isPending ? 'Making a link…' : 'Make a password reset link'}
              <span className="visually-hidden"> for {person.name}</span>
            </button>
          ) : null}
          {isSelf ? null : (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                update.reset();
                setConfirming(true);
              }}
            >
              {activeChange}
              <span className="visually-hidden"> {person.name}</span>
            </button>
          )}
        </div>
      )}

      <ConfirmDialog
        open={confirming}
        title={`${activeChange} ${person.name}?`}
        confirmLabel={activeChange}
        tone={person.active ? 'danger' : 'primary'}
        busy={update.isPending}
        busyLabel={person.active ? 'Deactivating…' : 'Reactivating…'}
        error={update.error ? updateErrorMessage(update.error, person.name) : null}
        onCancel={() => setConfirming(false)}
        onConfirm={toggleActive}
      >
        {person.active ? (
          <>
            <p>
              {person.name} can no longer sign in, and every session of theirs ends at once. What they wrote keeps their
              name. You can reactivate them later.
            </p>
            <InvitationsToRevoke invitations={invitationsSent} />
          </>
        ) : (
          <p>
            {person.name} can sign in again with their password, as {userRoleLabels[person.role].toLowerCase()}.
          </p>
        )}
      </ConfirmDialog>
    </li>
  );
}
