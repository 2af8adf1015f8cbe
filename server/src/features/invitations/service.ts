import { providerNameOf, providerSignInPath, type SignInMethod } from '@planner/shared/auth';
import { formatDateTimeIn } from '@planner/shared/format';
import {
  invitationDays,
  type AcceptInvitation,
  type CreateInvitation,
  type Invitation,
  type InvitationPreview,
  type InvitationWithLink,
} from '@planner/shared/invitation';
import { userRoleLabels } from '@planner/shared/user-role';
import { isUniqueViolation } from '../../db/errors';
import type { Db, Executor } from '../../db/knex';
import { AppError, forbidden, invalidInput, notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import type { ServiceDeps } from '../../http/routes';
import { toIsoDateTime } from '../../db/values';
import { invitationMail } from '../../mail/messages';
import { hashToken, newToken } from '../../security/tokens';
import { checkNewPassword, hashPassword } from '../auth/service';
import { notify } from '../notifications/service';
import { logPeopleEvent } from '../people/service';
import { tellOfWaitingReviews } from '../roles/service';
import { checkSchools, schoolsOfDistrict, setPrincipalSchools } from '../schools/service';
import {
  createUser,
  findAccountByEmail,
  findDistrict,
  findSignInSettingsForEmail,
  isEmailInUse,
  lockActiveAdmin,
  namesOf,
  type UserRow,
} from '../users/service';
import * as repo from './repo';

/**
 * The schools an invitation still gives, in the district's order: one archived since it was sent is left out,
 * as the People page no longer offers it for a new principal (and one deleted is gone with its row).
 */
async function schoolsToLead(db: Executor, invitation: repo.InvitationRow): Promise<{ id: string; name: string }[]> {
  const chosen = new Set((await repo.listSchools(db, [invitation.id])).map((s) => s.school_id));
  return (await schoolsOfDistrict(db, invitation.district_id))
    .filter((s) => chosen.has(s.id) && !s.archived)
    .map((s) => ({ id: s.id, name: s.name }));
}

const expiryFromNow = () => new Date(Date.now() + invitationDays * 24 * 60 * 60 * 1000);
const acceptUrlOf = (deps: ServiceDeps, token: string) => `${deps.config.publicUrl}/invitations/${token}`;

async function present(db: Executor, districtId: string, rows: repo.InvitationRow[]): Promise<Invitation[]> {
  if (rows.length === 0) return [];
  const schools = await repo.listSchools(
    db,
    rows.map((r) => r.id),
  );
  const names = await namesOf(
    db,
    districtId,
    rows.flatMap((r) => r.invited_by ?? []),
  );
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    schoolIds: schools.filter((s) => s.invitation_id === row.id).map((s) => s.school_id),
    status: row.expires_at.getTime() > now ? 'open' : 'expired',
    expiresAt: toIsoDateTime(row.expires_at),
    invitedBy: row.invited_by ? { id: row.invited_by, name: names.get(row.invited_by) ?? 'A former user' } : null,
    createdAt: toIsoDateTime(row.created_at),
    emailed: row.emailed_at !== null,
  }));
}

/** The invitations neither accepted nor revoked, newest first; expired ones can be sent again. */
export async function listInvitations(db: Executor, districtId: string): Promise<Invitation[]> {
  return present(db, districtId, await repo.listOpen(db, districtId));
}

/**
 * How the invitee will sign in: through the inviting district's provider where the district claims their
 * email's domain (signing in there accepts the invitation: see acceptForProvider), else with a password. A
 * domain another district claims does not govern a person this district invites.
 */
async function signInOfInvitee(
  db: Executor,
  invitation: { district_id: string; email: string },
): Promise<SignInMethod> {
  const settings = await findSignInSettingsForEmail(db, invitation.email);
  if (settings?.district_id !== invitation.district_id) {
    return { method: 'password', providerUrl: null, providerName: null, passwordAllowed: true };
  }
  return {
    method: 'provider',
    providerUrl: providerSignInPath(invitation.email),
    providerName: providerNameOf(settings.issuer),
    passwordAllowed: settings.passwords_allowed,
  };
}

/**
 * Emails the invitation's link when mail is configured; answers whether the mail server took it. The
 * link is always shown to the admin too: districts often send it themselves.
 */
async function sendInvitation(
  db: Executor,
  deps: ServiceDeps,
  admin: SignedInUser,
  row: repo.InvitationRow,
  acceptUrl: string,
  log: { error(obj: object, msg: string): void },
): Promise<void> {
  if (!deps.mailer.enabled) return;
  try {
    await deps.mailer.send(
      invitationMail({
        to: row.email,
        name: row.name,
        districtName: admin.districtName,
        roleLabel: userRoleLabels[row.role],
        schools: row.role === 'principal' ? (await schoolsToLead(db, row)).map((s) => s.name) : null,
        invitedBy: admin.name,
        acceptUrl,
        // The moment it ends, in the district's time zone: a date alone is UTC's, a day early or late there.
        worksUntil: formatDateTimeIn(row.expires_at, admin.districtTimeZone),
        signIn: await signInOfInvitee(db, row),
      }),
    );
    await repo.markEmailed(db, row.id);
  } catch (err) {
    log.error({ err }, 'The invitation mail could not be sent; the admin has the link to send');
  }
}

/**
 * An invitation is sent by an administrator still active when it is saved: one deactivated or demoted by a
 * colleague while their request was on its way would leave a link that revoking theirs no longer reaches.
 */
async function holdSender(trx: Executor, admin: SignedInUser): Promise<void> {
  if (!(await lockActiveAdmin(trx, admin.districtId, admin.id))) {
    throw forbidden('You are no longer an active district administrator: you cannot send invitations.');
  }
}

const withLink = async (db: Executor, districtId: string, row: repo.InvitationRow, acceptUrl: string) => ({
  ...(await present(db, districtId, [(await repo.findOpen(db, districtId, row.id)) ?? row]))[0]!,
  acceptUrl,
});

export async function createInvitation(
  db: Db,
  deps: ServiceDeps,
  admin: SignedInUser,
  input: CreateInvitation,
  log: { error(obj: object, msg: string): void },
): Promise<InvitationWithLink> {
  if (input.schoolIds.length > 0 && input.role !== 'principal') {
    throw invalidInput([{ in: 'body', field: 'schoolIds', message: 'are only for principals, who lead schools' }]);
  }
  const account = await findAccountByEmail(db, input.email);
  if (account) {
    // Someone of the district who left is brought back, with their history, rather than invited anew.
    const message =
      account.district_id === admin.districtId && account.deactivated_at !== null
        ? `is the email of ${account.name}, who is deactivated: reactivate them on the People page instead`
        : 'is already the email of a person in the planner';
    throw invalidInput([{ in: 'body', field: 'email', message }]);
  }
  const { token, hash } = newToken();
  const row = await db.transaction(async (trx) => {
    await holdSender(trx, admin);
    await checkSchools(trx, admin.districtId, input.schoolIds, { field: 'schoolIds' });
    let created: repo.InvitationRow;
    try {
      created = await repo.insertInvitation(trx, {
        district_id: admin.districtId,
        email: input.email,
        name: input.name,
        role: input.role,
        token_hash: hash,
        expires_at: expiryFromNow(),
        invited_by: admin.id,
      });
    } catch (err) {
      if (isUniqueViolation(err, repo.openEmailConstraint)) {
        throw invalidInput([
          { in: 'body', field: 'email', message: 'already has an open invitation: send that one again instead' },
        ]);
      }
      throw err;
    }
    await repo.insertSchools(trx, admin.districtId, created.id, input.schoolIds);
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'invited',
      actorId: admin.id,
      subject: { id: null, name: input.name, email: input.email },
      note: `As ${userRoleLabels[input.role].toLowerCase()}.`,
    });
    return created;
  });
  const acceptUrl = acceptUrlOf(deps, token);
  await sendInvitation(db, deps, admin, row, acceptUrl, log);
  return withLink(db, admin.districtId, row, acceptUrl);
}

/**
 * A new link for an open invitation, valid a week from now; the old link stops working. The admin sending it
 * becomes its inviter: the mail names them, and they hear when it is accepted.
 */
export async function resendInvitation(
  db: Db,
  deps: ServiceDeps,
  admin: SignedInUser,
  invitationId: string,
  log: { error(obj: object, msg: string): void },
): Promise<InvitationWithLink> {
  const { token, hash } = newToken();
  const row = await db.transaction(async (trx) => {
    await holdSender(trx, admin);
    const renewed = await repo.renewToken(trx, admin.districtId, invitationId, {
      tokenHash: hash,
      expiresAt: expiryFromNow(),
      invitedBy: admin.id,
    });
    if (!renewed) throw notFound('The invitation');
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'invitation_resent',
      actorId: admin.id,
      subject: { id: null, name: renewed.name, email: renewed.email },
    });
    return renewed;
  });
  const acceptUrl = acceptUrlOf(deps, token);
  await sendInvitation(db, deps, admin, row, acceptUrl, log);
  return withLink(db, admin.districtId, row, acceptUrl);
}

export async function revokeInvitation(db: Db, admin: SignedInUser, invitationId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const revoked = await repo.revoke(trx, admin.districtId, invitationId);
    if (!revoked) throw notFound('The invitation');
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'invitation_revoked',
      actorId: admin.id,
      subject: { id: null, name: revoked.name, email: revoked.email },
    });
  });
}

/**
 * Revokes, in the caller's transaction, every open invitation that `inviter` sent, each with a line in the log
 * saying why (`reason`: "was deactivated"). For an administrator who is one no more: their links must not
 * keep letting people in.
 */
export async function revokeInvitationsSentBy(
  trx: Executor,
  admin: SignedInUser,
  inviter: { id: string; name: string },
  reason: string,
): Promise<void> {
  const revoked = await repo.revokeSentBy(trx, admin.districtId, inviter.id);
  revoked.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  for (const invitation of revoked) {
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'invitation_revoked',
      actorId: admin.id,
      subject: { id: null, name: invitation.name, email: invitation.email },
      note: `Revoked because ${inviter.name}, who sent it, ${reason}.`,
    });
  }
}

const linkNotValid = () =>
  new AppError(
    'not_found',
    'This invitation link is not valid any more: it was used, revoked, replaced by a newer one or is more than a week old. Ask your district administrator for a new one.',
  );

/** What the person opening the link sees: the district, their role and the schools it will give them. */
export async function previewInvitation(db: Executor, token: string): Promise<InvitationPreview> {
  const row = await repo.findUsable(db, hashToken(token));
  if (!row) throw linkNotValid();
  const district = await findDistrict(db, row.district_id);
  if (!district) throw linkNotValid();
  return {
    districtName: district.name,
    districtTimeZone: district.time_zone,
    email: row.email,
    name: row.name,
    role: row.role,
    schools: (await schoolsToLead(db, row)).map((s) => s.name),
    expiresAt: toIsoDateTime(row.expires_at),
    signIn: await signInOfInvitee(db, row),
  };
}

/**
 * Turns an accepted invitation into an account, in the caller's transaction: the person, their schools (those
 * not archived since; for a principal, told of the roles in review there that wait for them) and a line in the log.
 */
async function join(
  trx: Executor,
  invitation: repo.InvitationRow,
  person: { name: string; passwordHash: string | null },
): Promise<UserRow> {
  const user = await createUser(trx, {
    districtId: invitation.district_id,
    email: invitation.email,
    name: person.name,
    role: invitation.role,
    passwordHash: person.passwordHash,
  });
  if (invitation.role === 'principal') {
    const schools = (await schoolsToLead(trx, invitation)).map((s) => s.id);
    await setPrincipalSchools(trx, invitation.district_id, user.id, schools);
    await tellOfWaitingReviews(trx, invitation.district_id, user.id, schools);
  }
  await repo.setAcceptedUser(trx, invitation.id, user.id);
  if (invitation.invited_by) {
    await notify(trx, {
      districtId: invitation.district_id,
      recipients: [invitation.invited_by],
      kind: 'invitation_accepted',
      planId: null,
      title: `${user.name} accepted your invitation`,
      body: `They joined as ${userRoleLabels[user.role].toLowerCase()}.`,
      link: '/people',
    });
  }
  await logPeopleEvent(trx, {
    districtId: invitation.district_id,
    kind: 'joined',
    actorId: user.id,
    subject: { id: user.id, name: user.name, email: user.email },
    note: `As ${userRoleLabels[user.role].toLowerCase()}.`,
  });
  return user;
}

/**
 * The person sets their name and password and becomes a user of the district. The link is spent in the
 * statement that checks it: of two acceptances at once, exactly one succeeds.
 */
export async function acceptInvitation(db: Db, token: string, input: AcceptInvitation): Promise<UserRow> {
  const preview = await previewInvitation(db, token);
  // An invitation cannot know of a person of another district (their rows are not the inviter's to see);
  // the person it reaches is told why it cannot make them a second account.
  if (await isEmailInUse(db, preview.email)) {
    throw new AppError(
      'conflict',
      `${preview.email} already has an account in the Teacher Leadership Planner, and an email has only one. Sign in with it, or ask ${preview.districtName} to invite another address.`,
    );
  }
  // A password the district refuses at sign-in would lock the person out: they join through the provider.
  if (!preview.signIn.passwordAllowed) {
    throw new AppError(
      'forbidden',
      `${preview.districtName} signs in through its own provider: choose “Continue with ${preview.signIn.providerName}” to join, with no password.`,
    );
  }
  checkNewPassword(input.password, preview.email, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (trx) => {
    const invitation = await repo.accept(trx, hashToken(token));
    if (!invitation) throw linkNotValid();
    return join(trx, invitation, { name: input.name, passwordHash });
  });
}

/**
 * A person arriving through their district's provider with a verified email that an open invitation
 * names: the invitation is accepted for them (no password; they sign in through the provider).
 */
export async function acceptForProvider(db: Db, districtId: string, email: string): Promise<UserRow | undefined> {
  return db.transaction(async (trx) => {
    const open = await repo.findOpenByEmail(trx, districtId, email);
    if (!open) return undefined;
    const invitation = await repo.acceptById(trx, open.id);
    if (!invitation) return undefined;
    return join(trx, invitation, { name: invitation.name, passwordHash: null });
  });
}
