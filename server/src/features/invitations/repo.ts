import type { UserRole } from '@planner/shared/user-role';
import type { Executor } from '../../db/knex';

/** The invitations feature owns `invitations` and `invitation_schools`. */

export interface InvitationRow {
  id: string;
  district_id: string;
  email: string;
  name: string;
  role: UserRole;
  expires_at: Date;
  invited_by: string | null;
  emailed_at: Date | null;
  created_at: Date;
}

export const openEmailConstraint = 'invitations_open_email_unique';
const columns = ['id', 'district_id', 'email', 'name', 'role', 'expires_at', 'invited_by', 'emailed_at', 'created_at'];

const open = (db: Executor) => db('invitations').whereNull('accepted_at').whereNull('revoked_at');

/** Invitations neither accepted nor revoked (expired ones too: they can be sent again), newest first. */
export function listOpen(db: Executor, districtId: string): Promise<InvitationRow[]> {
  return open(db)
    .select(columns)
    .where({ district_id: districtId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
}

export function findOpen(db: Executor, districtId: string, id: string): Promise<InvitationRow | undefined> {
  return open(db).select(columns).where({ district_id: districtId, id }).first();
}

/** The invitation of a link, while it may be accepted (open and not expired). */
export function findUsable(db: Executor, tokenHash: string): Promise<InvitationRow | undefined> {
  return open(db).select(columns).where({ token_hash: tokenHash }).where('expires_at', '>', db.fn.now()).first();
}

export async function insertInvitation(
  db: Executor,
  row: {
    district_id: string;
    email: string;
    name: string;
    role: UserRole;
    token_hash: string;
    expires_at: Date;
    invited_by: string;
  },
): Promise<InvitationRow> {
  const [created] = (await db('invitations').insert(row).returning(columns)) as InvitationRow[];
  return created!;
}

/** A new link for an open invitation, sent by `invitedBy`: the old one stops working. */
export async function renewToken(
  db: Executor,
  districtId: string,
  id: string,
  renewal: { tokenHash: string; expiresAt: Date; invitedBy: string },
): Promise<InvitationRow | undefined> {
  const [row] = (await open(db)
    .where({ district_id: districtId, id })
    .update({
      token_hash: renewal.tokenHash,
      expires_at: renewal.expiresAt,
      invited_by: renewal.invitedBy,
      emailed_at: null,
      updated_at: db.fn.now(),
    })
    .returning(columns)) as InvitationRow[];
  return row;
}

export async function markEmailed(db: Executor, id: string): Promise<void> {
  await db('invitations').where({ id }).update({ emailed_at: db.fn.now() });
}

export async function revoke(db: Executor, districtId: string, id: string): Promise<InvitationRow | undefined> {
  const [row] = (await open(db)
    .where({ district_id: districtId, id })
    .update({ revoked_at: db.fn.now(), updated_at: db.fn.now() })
    .returning(columns)) as InvitationRow[];
  return row;
}

/** Revokes every open invitation (expired ones too) that a person sent, answering them. */
export async function revokeSentBy(db: Executor, districtId: string, invitedBy: string): Promise<InvitationRow[]> {
  return (await open(db)
    .where({ district_id: districtId, invited_by: invitedBy })
    .update({ revoked_at: db.fn.now(), updated_at: db.fn.now() })
    .returning(columns)) as InvitationRow[];
}

/** Accepts the invitation if it still may be: of two acceptances at once, one gets the row. */
export async function accept(db: Executor, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = (await open(db)
    .where({ token_hash: tokenHash })
    .where('expires_at', '>', db.fn.now())
    .update({ accepted_at: db.fn.now(), updated_at: db.fn.now() })
    .returning(columns)) as InvitationRow[];
  return row;
}

export async function acceptById(db: Executor, id: string): Promise<InvitationRow | undefined> {
  const [row] = (await open(db)
    .where({ id })
    .where('expires_at', '>', db.fn.now())
    .update({ accepted_at: db.fn.now(), updated_at: db.fn.now() })
    .returning(columns)) as InvitationRow[];
  return row;
}

export async function setAcceptedUser(db: Executor, id: string, userId: string): Promise<void> {
  await db('invitations').where({ id }).update({ accepted_user_id: userId });
}

/** The open invitation of an email in a district (for a person arriving through the district's provider). */
export function findOpenByEmail(db: Executor, districtId: string, email: string): Promise<InvitationRow | undefined> {
  return open(db)
    .select(columns)
    .where({ district_id: districtId })
    .whereRaw('lower(email) = lower(?)', [email])
    .where('expires_at', '>', db.fn.now())
    .first();
}

export function listSchools(
  db: Executor,
  invitationIds: readonly string[],
): Promise<{ invitation_id: string; school_id: string }[]> {
  return db('invitation_schools')
    .select('invitation_id', 'school_id')
    .whereIn('invitation_id', invitationIds as string[]);
}

export async function insertSchools(
  db: Executor,
  districtId: string,
  invitationId: string,
  schoolIds: readonly string[],
): Promise<void> {
  if (schoolIds.length === 0) return;
  await db('invitation_schools').insert(
    schoolIds.map((schoolId) => ({ district_id: districtId, invitation_id: invitationId, school_id: schoolId })),
  );
}
