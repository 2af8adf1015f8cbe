import { hash, verify } from '@node-rs/argon2';
import { formatDateTimeIn } from '@planner/shared/format';
import type { ChangePassword } from '@planner/shared/password';
import type { Request } from 'express';
import { inDistrict } from '../../db/district-scope';
import type { Db, Executor } from '../../db/knex';
import { AppError, invalidInput, notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import type { ServiceDeps } from '../../http/routes';
import { endSessionsOf } from '../../http/session-store';
import { isPermanentRefusal, type Mailer } from '../../mail/mailer';
import { passwordChangedMail, passwordResetMail } from '../../mail/messages';
import { passwordProblem } from '../../security/password-policy';
import { hashToken, newToken } from '../../security/tokens';
import { logPeopleEvent } from '../people/service';
import { schoolsOfPrincipal } from '../schools/service';
import {
  accountByColumnQuery,
  claimDuePasswordEmail,
  dropStalePasswordEmails,
  findAccountByEmail,
  findAccountById,
  findDistrict,
  findSignInSettingsForEmail,
  findUser,
  isActive,
  passwordsAllowedFor,
  recordSignIn,
  retryPasswordEmailLater,
  setPassword,
  updateUser,
  type AccountRow,
} from '../users/service';
import { knownDeviceOf } from './device-cookie';
import { TooManyAttempts, type LoginLimiter } from './login-limiter';
import * as repo from './repo';

// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword('decoy password never matches'));

const resetLinkHours = 1;

/** argon2id (the library's default) with OWASP's parameters: 19 MiB, 2 passes, 1 lane. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function toSignedInUser(row: Omit<AccountRow, 'password_hash'>): SignedInUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    districtId: row.district_id,
    districtName: row.district_name,
    districtTimeZone: row.district_time_zone,
  };
}

/**
 * How the session store reads a session's person with the session itself, in one statement: the
 * account by the session's user_id, and the signed-in user it makes (null when deactivated or gone).
 */
export const sessionPerson = {
  query: (db: Executor) => accountByColumnQuery(db, 'sessions.user_id'),
  from: (row: unknown): SignedInUser | null => {
    const account = row as Omit<AccountRow, 'password_hash'> | null;
    return account && isActive(account) ? toSignedInUser(account) : null;
  },
};

/** The person of a session, or undefined when they are gone or deactivated (their session then ends). */
export async function loadSignedInUser(db: Executor, userId: string): Promise<SignedInUser | undefined> {
  const row = await findAccountById(db, userId);
  return row && isActive(row) ? toSignedInUser(row) : undefined;
}

export function schoolsOf(db: Executor, user: SignedInUser) {
  return user.role === 'principal' ? schoolsOfPrincipal(db, user.districtId, user.id) : Promise.resolve([]);
}

/** A new password, refused on `field` when it is too common or is the person's email. */
export function checkNewPassword(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, { email });
  if (problem) throw invalidInput([{ in: 'body', field, message: problem }]);
}

const tooMany = (seconds: number, what = 'sign-in attempts') =>
  new AppError(
    'too_many_attempts',
    `Too many ${what}. Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.`,
    { retryAfter: seconds },
  );

/**
 * Checks the credentials under the rate limits, counting the attempt before the password is looked at.
 * One generic error for a wrong email, a wrong password or a deactivated account.
 */
export async function authenticate(
  db: Db,
  limiter: LoginLimiter,
  credentials: { email: string; password: string },
  attempt: { address: string; req: Request; secret: string },
): Promise<SignedInUser> {
  if (!(await passwordsAllowedFor(db, credentials.email))) {
    throw new AppError(
      'forbidden',
      'Your district signs in through its own provider: choose “Continue” with your email.',
    );
  }
  const row = await findAccountByEmail(db, credentials.email);
  const counted = {
    email: credentials.email,
    address: attempt.address,
    deviceId: knownDeviceOf(attempt.req, attempt.secret, row?.id),
  };
  try {
    await limiter.consume(counted);
  } catch (err) {
    if (err instanceof TooManyAttempts) throw tooMany(err.secondsToWait);
    throw err;
  }
  const matches = await verify(row?.password_hash ?? (await decoy()), credentials.password);
  if (!row || !row.password_hash || !matches || !isActive(row)) {
    throw new AppError('invalid_credentials', 'Email or password is incorrect.');
  }
  await limiter.succeeded(counted);
  await recordSignIn(db, row.id);
  return toSignedInUser(row);
}

export async function updateProfile(db: Executor, user: SignedInUser, name: string): Promise<SignedInUser> {
  const saved = await updateUser(db, { districtId: user.districtId, userId: user.id }, { name });
  if (!saved) throw notFound('Your account');
  return { ...user, name: saved.name };
}

/**
 * Sends the emails telling people their password changed (when, and what to do if it was not them), due at
 * once after each change (a signed-in request's change is committed only as it answers, so it cannot send
 * them itself) or to be tried again; run by the emails job every minute. One whose person was deactivated
 * since is dropped; one the mail server does not take is handed back to be tried again. Answers how many went.
 */
export async function sendPasswordChangedEmails(db: Db, mailer: Mailer, publicUrl: string): Promise<number> {
  if (!mailer.enabled) return 0;
  await dropStalePasswordEmails(db);
  let sent = 0;
  // As many as the notifications' emails a run sends, so that one run ends in bounded time.
  for (let i = 0; i < 50; i += 1) {
    const userId = await claimDuePasswordEmail(db);
    if (!userId) break;
    const account = await findAccountById(db, userId);
    if (!account?.password_changed_at || !isActive(account)) continue;
    try {
      await mailer.send(
        passwordChangedMail({
          to: account.email,
          name: account.name,
          districtName: account.district_name,
          changedAt: formatDateTimeIn(account.password_changed_at, account.district_time_zone),
          forgotPasswordUrl: `${publicUrl}/forgot-password`,
        }),
      );
      sent += 1;
    } catch (err) {
      await retryPasswordEmailLater(db, account.id, isPermanentRefusal(err));
    }
  }
  return sent;
}

/**
 * A person changes their own password: the current one is required, tried under the sign-in limits (on
 * counters of its own, counted before it is checked, outside the district's transaction so that a refusal
 * keeps the count), their other sessions end, any reset link still open (one an admin made, or one emailed)
 * stops working, and they are emailed that it changed.
 */
export async function changePassword(
  db: Db,
  limiter: LoginLimiter,
  user: SignedInUser,
  currentSid: string,
  input: ChangePassword,
  address: string,
): Promise<void> {
  const counted = { email: user.email, address };
  try {
    await limiter.consume(counted, 'currentPassword');
  } catch (err) {
    if (err instanceof TooManyAttempts) throw tooMany(err.secondsToWait, 'tries with a wrong current password');
    throw err;
  }
  const row = await findAccountById(db, user.id);
  if (!row?.password_hash || !(await verify(row.password_hash, input.currentPassword))) {
    throw invalidInput([{ in: 'body', field: 'currentPassword', message: 'is not your current password' }]);
  }
  await limiter.succeeded(counted, 'currentPassword');
  checkNewPassword(input.newPassword, user.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await inDistrict(db, user.districtId, async (trx) => {
    await setPassword(trx, { districtId: user.districtId, userId: user.id }, passwordHash);
    await endSessionsOf(trx, user.id, currentSid);
    await repo.spendOpenResets(trx, user.id);
  });
}

const resetUrlOf = (publicUrl: string, token: string) => `${publicUrl}/reset-password/${token}`;
const resetExpiryFromNow = () => new Date(Date.now() + resetLinkHours * 60 * 60 * 1000);

async function newResetLink(db: Executor, account: { id: string; district_id: string }, createdBy: string | null) {
  const { token, hash: tokenHash } = newToken();
  const expiresAt = resetExpiryFromNow();
  const id = await repo.insertReset(db, {
    district_id: account.district_id,
    user_id: account.id,
    token_hash: tokenHash,
    expires_at: expiresAt,
    created_by: createdBy,
  });
  return { id, token, expiresAt };
}

/**
 * Whether a link mailed now could still set this account's password: one that has a password, where passwords
 * sign in; one that has none (who joined through the provider) once their email no longer sends them to a
 * provider (its domain released, or the district's sign-in through the provider turned off), so that nobody is
 * locked out.
 */
const mayReset = async (db: Executor, account: AccountRow) =>
  isActive(account) &&
  (account.password_hash !== null
    ? await passwordsAllowedFor(db, account.email)
    : (await findSignInSettingsForEmail(db, account.email)) === undefined);

/**
 * Mails the link, which then spends the links the person asked for before it (of those they asked for,
 * only the newest made works, whichever email goes first; a link an admin made stays); when the mail
 * server does not take it, the email is handed back to be tried again with a new link
 * (sendWaitingResetEmails), the others still working meanwhile, and the error is thrown on.
 */
async function mailResetLink(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  account: AccountRow,
  reset: { id: string; token: string },
): Promise<void> {
  try {
    await mailer.send(
      passwordResetMail({
        to: account.email,
        name: account.name,
        districtName: account.district_name,
        resetUrl: resetUrlOf(publicUrl, reset.token),
      }),
    );
  } catch (err) {
    await repo.retryEmailLater(db, reset.id, isPermanentRefusal(err));
    throw err;
  }
  await repo.resetEmailWent(db, reset.id);
  await repo.spendOlderResets(db, account.id, reset.id, 'selfAsked');
}

async function sendResetLink(db: Db, deps: ServiceDeps, account: AccountRow): Promise<void> {
  if (!(await mayReset(db, account))) return;
  // Asked again while an email waits for the mail server: that one is tried now, with a new link, in
  // place of its retry: one email that works, not one per ask, and not minutes later.
  const { token, hash: tokenHash } = newToken();
  const waiting = await repo.claimWaitingResetEmailOf(db, account.id, tokenHash, resetExpiryFromNow());
  if (waiting) {
    await mailResetLink(db, deps.mailer, deps.config.publicUrl, account, { id: waiting.id, token });
    return;
  }
  // Its retry is being sent this moment (by the emails job): that email answers this ask too.
  if (await repo.resetEmailOnItsWay(db, account.id)) return;
  if ((await repo.countRecentResets(db, account.id, 60 * 60)) >= 3) return;
  const reset = await newResetLink(db, account, null);
  await mailResetLink(db, deps.mailer, deps.config.publicUrl, account, reset);
}

/**
 * Tries again the reset emails that did not go (run by the emails job), each with a new link valid an hour
 * from now; one whose person may no longer reset a password is dropped. Answers how many went.
 */
export async function sendWaitingResetEmails(db: Db, mailer: Mailer, publicUrl: string): Promise<number> {
  if (!mailer.enabled) return 0;
  let sent = 0;
  // As many as the notifications' emails a run sends, so that one run ends in bounded time.
  for (let i = 0; i < 50; i += 1) {
    const { token, hash: tokenHash } = newToken();
    const reset = await repo.claimDueResetEmail(db, tokenHash, resetExpiryFromNow());
    if (!reset) break;
    const account = await findAccountById(db, reset.user_id);
    if (!account || !(await mayReset(db, account))) {
      // Dropped: no longer on its way, or the person's next ask would wait on it.
      await repo.resetEmailWent(db, reset.id);
      continue;
    }
    try {
      await mailResetLink(db, mailer, publicUrl, account, { id: reset.id, token });
      sent += 1;
    } catch {
      // Handed back by mailResetLink, to be tried again later.
    }
  }
  return sent;
}

/**
 * "Forgot your password?": emails a link valid for an hour to an active account that may use a password;
 * an email the mail server does not take is tried again later with a new link.
 * It answers the same whether or not the email is known, and after the same work: one look-up of the
 * email. The link is made, stored and mailed after the answer, so neither the answer nor its timing tells
 * (they made a known email's answer take twice as long).
 */
export async function requestPasswordReset(
  db: Db,
  deps: ServiceDeps,
  email: string,
  log: { error(obj: object, msg: string): void },
): Promise<void> {
  const account = await findAccountByEmail(db, email);
  if (!account || !isActive(account) || !deps.mailer.enabled) return;
  sendResetLink(db, deps, account).catch((err: unknown) =>
    log.error({ err }, 'The password reset link could not be made or mailed (an email that did not go is tried again)'),
  );
}

/**
 * An admin makes a reset link for a person of the district, to send them when the planner sends no mail;
 * the person's other open links stop working. Asking "forgot password" for the person's email (anyone can)
 * does not spend it: it stops working once used, expired, when the password is set, or at the admin's next.
 */
export async function makeResetLink(
  db: Db,
  deps: ServiceDeps,
  admin: SignedInUser,
  userId: string,
): Promise<{ resetUrl: string; expiresAt: string }> {
  const person = await findUser(db, admin.districtId, userId);
  if (!person) throw notFound('The person');
  if (!isActive(person)) {
    throw new AppError('conflict', `${person.name} is deactivated: reactivate them before making a reset link.`);
  }
  return db.transaction(async (trx) => {
    const { id, token, expiresAt } = await newResetLink(trx, person, admin.id);
    await repo.spendOlderResets(trx, person.id, id, 'every');
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'reset_link_made',
      actorId: admin.id,
      subject: { id: person.id, name: person.name, email: person.email },
      note: `Valid until ${formatDateTimeIn(expiresAt, admin.districtTimeZone)}.`,
    });
    return { resetUrl: resetUrlOf(deps.config.publicUrl, token), expiresAt: expiresAt.toISOString() };
  });
}

/** Spends every open reset link of the person (they were deactivated): none works again if they come back. */
export function spendResetLinksOf(db: Executor, userId: string): Promise<void> {
  return repo.spendOpenResets(db, userId);
}

const linkNotValid = () =>
  new AppError(
    'not_found',
    'This reset link is not valid any more: it was used, is more than an hour old, or a newer one was made. Ask for a new one.',
  );

/** Who a reset link is for, while it may still be used. */
export async function resetLinkPreview(db: Executor, token: string) {
  const reset = await repo.findUsableReset(db, hashToken(token));
  if (!reset) throw linkNotValid();
  const person = await findUser(db, reset.district_id, reset.user_id);
  const district = await findDistrict(db, reset.district_id);
  if (!person || !isActive(person) || !district) throw linkNotValid();
  return { email: person.email, districtName: district.name, expiresAt: reset.expires_at.toISOString() };
}

/**
 * Sets a new password from a reset link, once: the link is spent in the same statement that checks it,
 * every session of the person ends, and their counters of wrong passwords, at sign-in and on the Account
 * page, start afresh (nobody else's guesses keep them out, and their own from `address` are forgiven:
 * they proved who they are); they are emailed that it changed. Answers the person, to be signed in.
 */
export async function resetPassword(
  db: Db,
  limiter: LoginLimiter,
  token: string,
  password: string,
  address: string,
): Promise<SignedInUser> {
  const preview = await resetLinkPreview(db, token);
  checkNewPassword(password, preview.email, 'password');
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (trx) => {
    const reset = await repo.spendReset(trx, hashToken(token));
    if (!reset) throw linkNotValid();
    const saved = await setPassword(trx, { districtId: reset.district_id, userId: reset.user_id }, passwordHash);
    if (!saved || !isActive(saved)) throw linkNotValid();
    await endSessionsOf(trx, saved.id);
    await repo.spendOpenResets(trx, saved.id);
    await logPeopleEvent(trx, {
      districtId: saved.district_id,
      kind: 'password_reset',
      actorId: saved.id,
      subject: { id: saved.id, name: saved.name, email: saved.email },
    });
    return saved;
  });
  await limiter.clearAccount(user.email, address);
  await recordSignIn(db, user.id);
  return (await loadSignedInUser(db, user.id))!;
}
