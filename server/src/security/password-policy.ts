import { dictionary } from '@zxcvbn-ts/language-common';

// zxcvbn's list of the most commonly used passwords (about 49,000), read once.
let common: Set<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

/**
 * Why a new password is refused beyond its length (the shared schema checks 12 to 200 characters), or
 * undefined: OWASP ASVS asks to refuse passwords found in lists of common ones, and the person's own email.
 */
export function passwordProblem(password: string, person: { email?: string } = {}): string | undefined {
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most commonly used passwords: choose another';
  if (person.email && lower === person.email.toLowerCase()) return 'must not be your email address';
  return undefined;
}
