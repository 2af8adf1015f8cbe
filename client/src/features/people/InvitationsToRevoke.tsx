import type { Invitation } from '@planner/shared/invitation';
import { countOf } from '@planner/shared/format';
import styles from './people.module.css';

/** Past this many, the dialog gives a count: the log names each one once they are revoked. */
const namedAtMost = 5;

/** After the change, what became of the invitations the person had sent ("" when none). */
export function revokedNote(count: number): string {
  if (count === 0) return '';
  return ` ${count === 1 ? 'The invitation they sent is' : `The ${countOf(count, 'invitation')} they sent are`} revoked.`;
}

/**
 * In the dialog before a person stops being an active administrator: the open invitations they sent, which
 * the server revokes with the change (their links would otherwise still let people in).
 */
export function InvitationsToRevoke({
  invitations,
  self = false,
}: {
  invitations: readonly Invitation[];
  /** The administrator gives up their own role: the invitations are theirs, and someone else invites again. */
  self?: boolean;
}) {
  if (invitations.length === 0) return null;
  const sender = self ? 'you' : 'they';
  const again = self ? 'Another administrator can invite' : 'You can invite';
  if (invitations.length > namedAtMost) {
    return (
      <p>
        The {countOf(invitations.length, 'open invitation')} {sender} sent are revoked, and their links stop working.{' '}
        {again} those people again: the log of changes names each one.
      </p>
    );
  }
  const one = invitations.length === 1;
  return (
    <>
      <p>
        {one
          ? `The open invitation ${sender} sent is`
          : `The ${countOf(invitations.length, 'open invitation')} ${sender} sent are`}{' '}
        revoked, and {one ? 'its link stops' : 'their links stop'} working:
      </p>
      <ul className={styles['revoked-invitations']}>
        {invitations.map((invitation) => (
          <li key={invitation.id}>
            {invitation.name} ({invitation.email}){invitation.status === 'expired' ? ', already expired' : ''}
          </li>
        ))}
      </ul>
      <p>
        {again} {one ? 'them' : 'these people'} again{self ? '' : ' yourself'}.
      </p>
    </>
  );
}
