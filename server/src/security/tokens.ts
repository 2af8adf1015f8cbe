import { createHash, randomBytes } from 'node:crypto';

/**
 * The one-time tokens of invitation and password-reset links: 32 random bytes in the link, only their
 * SHA-256 in the database, so a copy of the database opens no account.
 */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
