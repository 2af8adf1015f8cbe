import { useRef, useState } from 'react';
import type { Invitation, InvitationWithLink } from '@planner/shared/invitation';
import type { School } from '@planner/shared/school';
import { userRoleLabels } from '@planner/shared/user-role';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { linkNote } from './InviteSection';
import { OneTimeLink } from './OneTimeLink';
import { useResendInvitation, useRevokeInvitation } from './people-api';
import { schoolNames } from './people-rows';
import styles from './people.module.css';
import { useDistrictDateTime } from '../../lib/district-time';

/** Someone invited who has not joined yet: send the link again, or revoke it. */
interface InvitationCardProps {
  invitation: Invitation;
  schools: readonly School[];
  /** The card goes once revoked: the page says so, and keeps the focus somewhere. */
  onRevoked: (invitation: Invitation) => void;
}

export function InvitationCard({ invitation, schools, onRevoked }: InvitationCardProps) {
  const dateTime = useDistrictDateTime();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [link, setLink] = useState<InvitationWithLink | null>(null);
  const [confirming, setConfirming] = useState(false);
  const resendButtonRef = useRef<HTMLButtonElement>(null);
  const expired = invitation.status === 'expired';

  return (
    <li className={styles['person']}>
      <div className={styles['person__head']}>
        <h3 className={styles['person__name']}>{invitation.name}</h3>
        <span className={`status-badge ${styles['status--invited']}`}>
          {expired ? 'Invited (link expired)' : 'Invited'}
        </span>
      </div>
      <dl className={styles['person__facts']}>
        <div>
          <dt>Email</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{userRoleLabels[invitation.role]}</dd>
        </div>
        {invitation.role === 'principal' ? (
          <div>
            <dt>Schools</dt>
            <dd>{schoolNames(invitation.schoolIds, schools) || 'None yet'}</dd>
          </div>
        ) : null}
        <div>
          <dt>Invited</dt>
          <dd>
            {dateTime(invitation.createdAt)}
            {invitation.invitedBy ? ` by ${invitation.invitedBy.name}` : ''}
          </dd>
        </div>
        <div>
          <dt>{expired ? 'Link expired' : 'Link works until'}</dt>
          <dd>{dateTime(invitation.expiresAt)}</dd>
        </div>
        <div>
          <dt>By email</dt>
          <dd>{invitation.emailed ? 'Emailed' : 'Not emailed'}</dd>
        </div>
      </dl>
      {invitation.emailed ? null : (
        // The planner keeps only the link's hash: the link shown when it was made cannot be shown again.
        <p className={styles['person__note']}>
          Its link was shown only once, when it was made. If you did not copy it, send it again with a new link, then
          copy that one and send it to {invitation.email} yourself.
        </p>
      )}

      {resend.error ? <ErrorAlert>{resend.error.detail}</ErrorAlert> : null}
      {link ? (
        <OneTimeLink
          headingLevel={4}
          title={`New invitation link for ${link.name}`}
          url={link.acceptUrl}
          onDismiss={() => {
            setLink(null);
            // The link's section goes with its Done button: back to the button that made the link.
            resendButtonRef.current?.focus();
          }}
        >
          <p>{linkNote(link, dateTime)} The earlier link no longer works.</p>
        </OneTimeLink>
      ) : null}

      <div className={styles['person__actions']}>
        <button
          ref={resendButtonRef}
          type="button"
          className="button button--secondary button--small"
          // Busy rather than disabled, so that the button keeps focus until the new link takes it.
          aria-disabled={resend.isPending || undefined}
          onClick={() => {
            if (!resend.isPending) resend.mutate(invitation.id, { onSuccess: setLink });
          }}
        >
          {resend.isPending ? 'Sending…' : 'Send again with a new link'}
          <span className="visually-hidden"> to {invitation.name}</span>
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            revoke.reset();
            setConfirming(true);
          }}
        >
          Revoke invitation<span className="visually-hidden"> of {invitation.name}</span>
        </button>
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Revoke the invitation of ${invitation.name}?`}
        confirmLabel="Revoke invitation"
        busy={revoke.isPending}
        busyLabel="Revoking…"
        error={revoke.error?.detail}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          revoke.mutate(invitation.id, {
            onSuccess: () => {
              setConfirming(false);
              onRevoked(invitation);
            },
          })
        }
      >
        <p>The link sent to {invitation.email} stops working. You can invite them again later.</p>
      </ConfirmDialog>
    </li>
  );
}
