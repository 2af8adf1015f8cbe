import { hash, verify } from '@node-rs/argon2';
import type { Db, Executor } from '../../db/knex';
import { AppError } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { schoolsOfPrincipal } from '../schools/service';
import { findAccountByEmail, findAccountById, type AccountRow } from '../users/service';
import type { LoginLimiter } from './login-limiter';

// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword('decoy password never matches'));

/** argon2id (the library's default) with OWASP's parameters: 19 MiB, 2 passes, 1 lane. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function toSignedInUser(row: AccountRow): SignedInUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    districtId: row.district_id,
    districtName: row.district_name,
  };
}

export async function loadSignedInUser(db: Executor, userId: string): Promise<SignedInUser | undefined> {
  const row = await findAccountById(db, userId);
  return row ? toSignedInUser(row) : undefined;
}

export function schoolsOf(db: Executor, user: SignedInUser) {
  return user.role === 'principal' ? schoolsOfPrincipal(db, user.districtId, user.id) : Promise.resolve([]);
}

/** Checks the credentials under the rate limits; one generic error for a wrong email or password. */
export async function authenticate(
  db: Db,
  limiter: LoginLimiter,
  credentials: { email: string; password: string },
  address: string,
): Promise<SignedInUser> {
  const wait = await limiter.secondsToWait(credentials.email, address);
  if (wait > 0) {
    throw new AppError(
      'too_many_attempts',
      `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`,
      { retryAfter: wait },
    );
  }
  const row = await findAccountByEmail(db, credentials.email);
  const matches = await verify(row?.password_hash ?? (await decoy()), credentials.password);
  if (!row || !matches) {
    await limiter.recordFailure(credentials.email, address);
    throw new AppError('invalid_credentials', 'Email or password is incorrect.');
  }
  await limiter.recordSuccess(credentials.email);
  return toSignedInUser(row);
}
