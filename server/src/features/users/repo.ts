import type { Knex } from 'knex';
import type { UserRole } from '@planner/shared/user-role';
import type { Executor } from '../../db/knex';
import { emailAttempts } from '../../mail/mailer';

/** The users feature owns the `users` and `districts` tables: the accounts people sign in with. */

export interface UserRow {
  id: string;
  district_id: string;
  email: string;
  name: string;
  role: UserRole;
  deactivated_at: Date | null;
  last_sign_in_at: Date | null;
  version: number;
}

/** A person with their district and password hash, as sign-in and every request need them. */
export interface AccountRow extends UserRow {
  password_hash: string | null;
  /** When the password last changed (not when it was first set): the email telling of it says so. */
  password_changed_at: Date | null;
  district_name: string;
  district_time_zone: string;
}

export const uniqueEmailConstraint = 'users_email_unique';
const userColumns = ['id', 'district_id', 'email', 'name', 'role', 'deactivated_at', 'last_sign_in_at', 'version'];
const accountColumns = [
  ...userColumns.map((c) => `users.${c}`),
  'users.password_hash',
  'users.password_changed_at',
  'districts.name as district_name',
  'districts.time_zone as district_time_zone',
];

export function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | undefined> {
  return db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select(accountColumns)
    .whereRaw('lower(users.email) = lower(?)', [email])
    .first();
}

/**
 * The account (without its password hash) whose id is in `idColumn` of an outer query: the session
 * store reads a session and its person in one statement.
 */
export const accountByColumnQuery = (db: Executor, idColumn: string) =>
  db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select([
      ...userColumns.map((c) => `users.${c}`),
      'districts.name as district_name',
      'districts.time_zone as district_time_zone',
    ])
    .whereRaw('users.id = ??', [idColumn]);

export function findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select(accountColumns)
    .where('users.id', id)
    .first();
}

export function findDistrict(
  db: Executor,
  districtId: string,
): Promise<{ id: string; name: string; time_zone: string } | undefined> {
  return db('districts').select('id', 'name', 'time_zone').where({ id: districtId }).first();
}

/** A district whose name is this one, whatever its case and the spaces around it (the oldest, if several). */
export function findDistrictNamed(
  db: Executor,
  name: string,
): Promise<{ id: string; name: string; time_zone: string } | undefined> {
  return db('districts')
    .select('id', 'name', 'time_zone')
    .whereRaw('lower(btrim(name)) = lower(btrim(?))', [name])
    .orderBy(['created_at', 'id'])
    .first();
}

export function listUsers(db: Executor, districtId: string): Promise<UserRow[]> {
  return db('users').select(userColumns).where({ district_id: districtId }).orderBy(['name', 'id']);
}

export function findUser(db: Executor, districtId: string, userId: string): Promise<UserRow | undefined> {
  return db('users').select(userColumns).where({ district_id: districtId, id: userId }).first();
}

/** The names of the people a subquery of ids names, for a read of several parts at once. */
export const namesQuery = (db: Executor, districtId: string, ids: Knex.QueryBuilder) =>
  db('users').select('id', 'name').where({ district_id: districtId }).whereIn('id', ids);

export function listNames(
  db: Executor,
  districtId: string,
  ids: readonly string[],
  activeOnly: boolean,
): Promise<{ id: string; name: string }[]> {
  const query = db('users')
    .select('id', 'name')
    .where({ district_id: districtId })
    .whereIn('id', ids as string[]);
  return activeOnly ? query.whereNull('deactivated_at') : query;
}

/** The district's active administrators, locked until the transaction ends (so two cannot demote each other). */
export function lockActiveAdmins(db: Executor, districtId: string): Promise<{ id: string }[]> {
  return db('users')
    .select('id')
    .where({ district_id: districtId, role: 'district_admin' })
    .whereNull('deactivated_at')
    .forUpdate();
}

/**
 * The person, if still an active district administrator, held so that no one deactivates or demotes them
 * until the caller's transaction ends (and the caller waits for one doing so now).
 */
export function lockActiveAdmin(db: Executor, districtId: string, userId: string): Promise<{ id: string } | undefined> {
  return db('users')
    .select('id')
    .where({ district_id: districtId, id: userId, role: 'district_admin' })
    .whereNull('deactivated_at')
    .forShare()
    .first();
}

export async function insertUser(
  db: Executor,
  row: { district_id: string; email: string; name: string; role: UserRole; password_hash: string | null },
): Promise<UserRow> {
  const [created] = (await db('users').insert(row).returning(userColumns)) as UserRow[];
  return created!;
}

export async function updateUser(
  db: Executor,
  where: { districtId: string; userId: string; version?: number },
  changes: Partial<Pick<UserRow, 'name' | 'role' | 'deactivated_at'>>,
): Promise<UserRow | undefined> {
  const query = db('users').where({ district_id: where.districtId, id: where.userId });
  if (where.version !== undefined) query.where({ version: where.version });
  const [row] = (await query
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(userColumns)) as UserRow[];
  return row;
}

/**
 * A new password, and when it changed: the email that tells the person is due at once (the emails job sends
 * it), in place of one of an earlier change still waiting to be tried again.
 */
export async function setPassword(
  db: Executor,
  where: { districtId: string; userId: string },
  passwordHash: string,
): Promise<UserRow | undefined> {
  const [row] = (await db('users')
    .where({ district_id: where.districtId, id: where.userId })
    .update({
      password_hash: passwordHash,
      password_changed_at: db.fn.now(),
      password_email_due_at: db.fn.now(),
      password_email_attempts: 0,
      version: db.raw('version + 1'),
      updated_at: db.fn.now(),
    })
    .returning(userColumns)) as UserRow[];
  return row;
}

/**
 * Hands the email telling of a new password back after it did not go, on the schedule of the reset emails:
 * refused by the mail server, tried again after 2 then 4 minutes, then given up on; the mail server out of reach,
 * tried again in 5 minutes, for as long as it takes.
 */
export async function retryPasswordEmailLater(db: Executor, userId: string, refused: boolean): Promise<void> {
  await db('users')
    .where({ id: userId })
    // Changed again while this one was being sent: the new change's email is due at once, as it said.
    .whereNull('password_email_due_at')
    .update({
      password_email_attempts: refused ? db.raw('password_email_attempts + 1') : db.raw('password_email_attempts'),
      password_email_due_at: refused
        ? db.raw(`now() + make_interval(mins => power(2, password_email_attempts + 1)::int)`)
        : db.raw(`now() + interval '5 minutes'`),
    });
}

/**
 * Emails of a new password that waited more than a week (the planner had no mail server to send with, say)
 * are dropped rather than sent that late.
 */
export async function dropStalePasswordEmails(db: Executor): Promise<void> {
  await db('users')
    .whereNotNull('password_email_due_at')
    .where('password_changed_at', '<', db.raw(`now() - interval '7 days'`))
    .update({ password_email_due_at: null });
}

/** Claims one person whose email of a new password is due; of several processes each claims another. */
export async function claimDuePasswordEmail(db: Executor): Promise<string | undefined> {
  const [row] = (await db('users')
    .whereIn(
      'id',
      db('users')
        .select('id')
        .where('password_email_due_at', '<=', db.fn.now())
        .where('password_email_attempts', '<', emailAttempts)
        .orderBy('password_email_due_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .update({ password_email_due_at: null })
    .returning('id')) as { id: string }[];
  return row?.id;
}

export async function recordSignIn(db: Executor, userId: string): Promise<void> {
  await db('users').where({ id: userId }).update({ last_sign_in_at: db.fn.now() });
}

// ---- How the district signs in -------------------------------------------------------------------------

export interface SignInSettingsRow {
  district_id: string;
  issuer: string;
  client_id: string;
  client_secret_encrypted: string;
  passwords_allowed: boolean;
  version: number;
}

const settingsColumns = [
  'district_id',
  'issuer',
  'client_id',
  'client_secret_encrypted',
  'passwords_allowed',
  'version',
];

export function findSignInSettings(db: Executor, districtId: string): Promise<SignInSettingsRow | undefined> {
  return db('district_sign_in').select(settingsColumns).where({ district_id: districtId }).first();
}

/** An email's domain, in lower case (as domains are kept). */
export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * The provider settings that govern an email's sign-in: those of the district that has verified its domain,
 * unless the email is a person of another district. A district's claim on a domain covers its own people
 * only, and only once verified: a claim waiting for verification sends no one anywhere.
 */
export function findSignInSettingsForEmail(db: Executor, email: string): Promise<SignInSettingsRow | undefined> {
  return db('district_sign_in as s')
    .join('district_sign_in_domains as d', 'd.district_id', 's.district_id')
    .select(settingsColumns.map((c) => `s.${c}`))
    .where('d.domain', domainOf(email))
    .whereNotNull('d.verified_at')
    .whereNotExists((other) =>
      other
        .select(db.raw('1'))
        .from('users as u')
        .whereRaw('lower(u.email) = lower(?)', [email])
        .whereRaw('u.district_id <> s.district_id'),
    )
    .first();
}

/** Of `domains`, those the district may not claim for its provider: where another district has people (migration 021). */
export async function unclaimableSignInDomains(
  db: Executor,
  districtId: string,
  domains: readonly string[],
): Promise<string[]> {
  const { rows } = (await db.raw('select domain from unclaimable_sign_in_domains(?, ?) as domain', [
    districtId,
    [...domains],
  ])) as { rows: { domain: string }[] };
  return rows.map((row) => row.domain);
}

/** Of `domains`, those another district has verified (migration 031). */
export async function signInDomainsVerifiedElsewhere(
  db: Executor,
  districtId: string,
  domains: readonly string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const { rows } = (await db.raw('select domain from sign_in_domains_verified_elsewhere(?, ?) as domain', [
    districtId,
    [...domains],
  ])) as { rows: { domain: string }[] };
  return rows.map((row) => row.domain);
}

/** A district's claim on an email domain: waiting until its TXT record, with the claim's token, is found. */
export interface SignInDomainRow {
  domain: string;
  verification_token: string;
  verified_at: Date | null;
  /** The first of the daily checks in a row that found a verified domain's record missing (migration 035). */
  record_missing_since: Date | null;
  /** When a check last found its record; null for one kept verified by migration 031 until its record is added. */
  record_found_at: Date | null;
}

const domainColumns = ['domain', 'verification_token', 'verified_at', 'record_missing_since', 'record_found_at'];

export function listSignInDomains(db: Executor, districtId: string): Promise<SignInDomainRow[]> {
  return db('district_sign_in_domains').select(domainColumns).where({ district_id: districtId }).orderBy('domain');
}

export function findSignInDomain(
  db: Executor,
  districtId: string,
  domain: string,
): Promise<SignInDomainRow | undefined> {
  return db('district_sign_in_domains').select(domainColumns).where({ district_id: districtId, domain }).first();
}

/** The one verified claim a domain may have (migration 031). */
export const domainTakenConstraint = 'district_sign_in_domains_verified';

/** Saves the settings on the version they were read at (0: none yet); undefined when stale. */
export async function saveSignInSettings(
  db: Executor,
  districtId: string,
  version: number,
  values: {
    issuer: string;
    client_id: string;
    client_secret_encrypted: string;
    passwords_allowed: boolean;
    updated_by: string;
  },
): Promise<SignInSettingsRow | undefined> {
  if (version === 0) {
    const [row] = (await db('district_sign_in')
      .insert({ district_id: districtId, ...values })
      .onConflict('district_id')
      .ignore()
      .returning(settingsColumns)) as SignInSettingsRow[];
    return row;
  }
  const [row] = (await db('district_sign_in')
    .where({ district_id: districtId, version })
    .update({ ...values, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(settingsColumns)) as SignInSettingsRow[];
  return row;
}

/** New claims, each waiting for its own token's TXT record. */
export async function addSignInDomains(
  db: Executor,
  districtId: string,
  claims: readonly { domain: string; token: string }[],
): Promise<void> {
  if (claims.length === 0) return;
  await db('district_sign_in_domains').insert(
    claims.map((c) => ({ domain: c.domain, district_id: districtId, verification_token: c.token })),
  );
}

export async function removeSignInDomains(db: Executor, districtId: string, domains: readonly string[]): Promise<void> {
  if (domains.length === 0) return;
  await db('district_sign_in_domains')
    .where({ district_id: districtId })
    .whereIn('domain', [...domains])
    .delete();
}

/** Marks a waiting claim verified; false when it is no longer waiting (verified or removed meanwhile). */
export async function markSignInDomainVerified(db: Executor, districtId: string, domain: string): Promise<boolean> {
  const updated = await db('district_sign_in_domains')
    .where({ district_id: districtId, domain })
    .whereNull('verified_at')
    .update({
      verified_at: db.fn.now(),
      record_checked_at: db.fn.now(),
      record_found_at: db.fn.now(),
      record_missing_since: null,
    });
  return updated > 0;
}

/**
 * How many days a verified domain's record may be missing before the domain is released: `found`, for one whose
 * record was found before; `neverFound`, for one kept verified by migration 031 that never had one.
 */
export interface ReleaseWindow {
  found: number;
  neverFound: number;
}

/** The moment before which a domain's record must have gone missing for it to be released at `now`. */
const releaseDue = (db: Executor, now: Date, window: ReleaseWindow) =>
  db.raw(`?::timestamptz - make_interval(days => case when record_found_at is null then ?::int else ?::int end)`, [
    now,
    window.neverFound,
    window.found,
  ]);

/**
 * The verified domains, of every district (or of `districtId` only), to look at again at `now`: those not looked
 * at for a day, and those whose record has been missing long enough to be released. The least recently tried
 * first: a domain whose lookups failed was tried (record_attempted_at, migration 036) though not looked at, and
 * goes behind the others, so that it cannot keep them waiting run after run.
 */
export function listSignInDomainsToRecheck(
  db: Executor,
  now: Date,
  window: ReleaseWindow,
  limit: number,
  districtId?: string,
): Promise<(SignInDomainRow & { district_id: string })[]> {
  const due = db('district_sign_in_domains')
    .select(['district_id', ...domainColumns])
    .whereNotNull('verified_at')
    .where((due) =>
      due
        .whereNull('record_checked_at')
        .orWhere('record_checked_at', '<=', db.raw(`?::timestamptz - interval '23 hours'`, [now]))
        .orWhere('record_missing_since', '<=', releaseDue(db, now, window)),
    )
    .orderByRaw('greatest(record_checked_at, record_attempted_at) nulls first')
    .limit(limit);
  return districtId === undefined ? due : due.where({ district_id: districtId });
}

/** A verified domain the DNS servers gave no answer for at `now`: tried, though nothing is known of its record. */
export async function noteSignInDomainUnanswered(
  db: Executor,
  districtId: string,
  domain: string,
  now: Date,
): Promise<void> {
  await db('district_sign_in_domains')
    .where({ district_id: districtId, domain })
    .whereNotNull('verified_at')
    .update({ record_attempted_at: now });
}

/** A verified domain's record found at `now`: it is no longer missing. */
export async function noteSignInDomainRecordFound(
  db: Executor,
  districtId: string,
  domain: string,
  now: Date,
): Promise<void> {
  await db('district_sign_in_domains')
    .where({ district_id: districtId, domain })
    .whereNotNull('verified_at')
    .update({ record_checked_at: now, record_attempted_at: now, record_missing_since: null, record_found_at: now });
}

/**
 * A verified domain's record found missing at `now`: missing since the first such check in a row (answered). A
 * domain whose record was never found (kept as verified by migration 031) counts from the first check that looked
 * for it too, with a longer time to add it (`ReleaseWindow`).
 */
export async function noteSignInDomainRecordMissing(
  db: Executor,
  districtId: string,
  domain: string,
  now: Date,
): Promise<Date | null> {
  const [row] = (await db('district_sign_in_domains')
    .where({ district_id: districtId, domain })
    .whereNotNull('verified_at')
    .update({
      record_checked_at: now,
      record_attempted_at: now,
      record_missing_since: db.raw('coalesce(record_missing_since, ?::timestamptz)', [now]),
    })
    .returning(['record_missing_since'])) as { record_missing_since: Date | null }[];
  return row?.record_missing_since ?? null;
}

/**
 * A verified domain whose record has been missing for its window's days before `now` waits for verification
 * again; false when it was not so (found meanwhile, removed, or released already).
 */
export async function releaseSignInDomain(
  db: Executor,
  districtId: string,
  domain: string,
  now: Date,
  window: ReleaseWindow,
): Promise<boolean> {
  const updated = await db('district_sign_in_domains')
    .where({ district_id: districtId, domain })
    .whereNotNull('verified_at')
    .where('record_missing_since', '<=', releaseDue(db, now, window))
    .update({ verified_at: null, record_missing_since: null, record_checked_at: now, record_attempted_at: now });
  return updated > 0;
}

export function deleteSignInSettings(db: Executor, districtId: string): Promise<number> {
  return db('district_sign_in').where({ district_id: districtId }).delete();
}
