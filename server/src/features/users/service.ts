import type { UserRole } from '@planner/shared/user-role';
import { isUniqueViolation } from '../../db/errors';
import type { Executor } from '../../db/knex';
import { invalidInput } from '../../http/app-error';
import * as repo from './repo';

export type { AccountRow, UserRow } from './repo';

export const findAccountByEmail = repo.findAccountByEmail;
export const findAccountById = repo.findAccountById;
export const accountByColumnQuery = repo.accountByColumnQuery;
export const findDistrict = repo.findDistrict;
export const findDistrictNamed = repo.findDistrictNamed;
export const recordSignIn = repo.recordSignIn;
export const listUsers = repo.listUsers;
export const namesQuery = repo.namesQuery;
export const findUser = repo.findUser;
export const lockActiveAdmins = repo.lockActiveAdmins;
export const lockActiveAdmin = repo.lockActiveAdmin;

export const isActive = (user: { deactivated_at: Date | null }) => user.deactivated_at === null;

/** Who of the district is active, and when each deactivated person was deactivated (by id). */
export async function activityOf(
  db: Executor,
  districtId: string,
): Promise<{ active: Set<string>; deactivatedAt: Map<string, Date> }> {
  const people = await repo.listUsers(db, districtId);
  return {
    active: new Set(people.filter(isActive).map((u) => u.id)),
    deactivatedAt: new Map(people.flatMap((u) => (u.deactivated_at ? [[u.id, u.deactivated_at] as const] : []))),
  };
}

/**
 * Why someone cannot be given something to own, in words for the field's error, or undefined when they can:
 * not a person of the district, or deactivated (`instead` says what to do then).
 */
export async function whyNotAnOwner(
  db: Executor,
  districtId: string,
  userId: string,
  instead: string,
): Promise<string | undefined> {
  const user = await repo.findUser(db, districtId, userId);
  if (!user) return 'is not a person of your district';
  return isActive(user) ? undefined : `is a deactivated person: ${instead}`;
}

/**
 * The names of people of the district, by id, in one query: what other features show for who answered,
 * reviewed or owns something, deactivated people included unless `activeOnly`.
 */
export async function namesOf(
  db: Executor,
  districtId: string,
  ids: Iterable<string>,
  options: { activeOnly?: boolean } = {},
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await repo.listNames(db, districtId, unique, options.activeOnly ?? false);
  return new Map(rows.map((row) => [row.id, row.name]));
}

const emailTaken = () =>
  invalidInput([{ in: 'body', field: 'email', message: 'is already the email of a person in the planner' }]);

/** A new account; an email already in use (in any district, whatever its case) is refused on `email`. */
export async function createUser(
  db: Executor,
  row: { districtId: string; email: string; name: string; role: UserRole; passwordHash: string | null },
): Promise<repo.UserRow> {
  try {
    return await repo.insertUser(db, {
      district_id: row.districtId,
      email: row.email,
      name: row.name,
      role: row.role,
      password_hash: row.passwordHash,
    });
  } catch (err) {
    if (isUniqueViolation(err, repo.uniqueEmailConstraint)) throw emailTaken();
    throw err;
  }
}

export async function isEmailInUse(db: Executor, email: string): Promise<boolean> {
  return (await repo.findAccountByEmail(db, email)) !== undefined;
}

export const updateUser = repo.updateUser;
export const setPassword = repo.setPassword;
export const retryPasswordEmailLater = repo.retryPasswordEmailLater;
export const claimDuePasswordEmail = repo.claimDuePasswordEmail;
export const dropStalePasswordEmails = repo.dropStalePasswordEmails;

export const findSignInSettings = repo.findSignInSettings;
export const findSignInSettingsForEmail = repo.findSignInSettingsForEmail;
export const unclaimableSignInDomains = repo.unclaimableSignInDomains;
export const listSignInDomains = repo.listSignInDomains;
export const saveSignInSettings = repo.saveSignInSettings;
export const signInDomainsVerifiedElsewhere = repo.signInDomainsVerifiedElsewhere;
export const findSignInDomain = repo.findSignInDomain;
export const addSignInDomains = repo.addSignInDomains;
export const removeSignInDomains = repo.removeSignInDomains;
export const markSignInDomainVerified = repo.markSignInDomainVerified;
export const deleteSignInSettings = repo.deleteSignInSettings;
export const listSignInDomainsToRecheck = repo.listSignInDomainsToRecheck;
export const noteSignInDomainRecordFound = repo.noteSignInDomainRecordFound;
export const noteSignInDomainRecordMissing = repo.noteSignInDomainRecordMissing;
export const noteSignInDomainUnanswered = repo.noteSignInDomainUnanswered;
export const releaseSignInDomain = repo.releaseSignInDomain;
export const domainTakenConstraint = repo.domainTakenConstraint;
export type { ReleaseWindow, SignInDomainRow, SignInSettingsRow } from './repo';

export const domainOf = repo.domainOf;

/** Whether a password may sign in this email: not when the district its sign-in follows allows only its provider. */
export async function passwordsAllowedFor(db: Executor, email: string): Promise<boolean> {
  const settings = await repo.findSignInSettingsForEmail(db, email);
  return settings?.passwords_allowed ?? true;
}
