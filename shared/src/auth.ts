import { z } from 'zod';
import { emailAddressSchema, typeError } from './common';
import { personNameSchema } from './user';
import { userRoleSchema } from './user-role';

export const loginRequestSchema = z
  .object({
    email: emailAddressSchema('Enter an email address, like name@district.org.'),
    password: z
      .string()
      .min(1, { error: 'Enter your password.' })
      .max(200, { error: 'must be at most 200 characters' }),
  })
  .meta({ id: 'LoginRequest', example: { email: 'admin@lakeview.test', password: 'lakeview-demo' } });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const schoolSummarySchema = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'SchoolSummary' });
export type SchoolSummary = z.infer<typeof schoolSummarySchema>;

/** Who is signed in: answered by login and by GET /api/auth/me. */
export const currentUserSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.email(),
      name: z.string(),
      role: userRoleSchema,
    }),
    /** `timeZone`: the district's (IANA), by which its days run: what "today" and "overdue" mean. */
    district: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
    /** The schools a principal belongs to; empty for other roles. */
    schools: z.array(schoolSummarySchema),
    /** Sent back in the X-CSRF-Token header of every state-changing request. */
    csrfToken: z.string(),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** GET /api/auth/session: the app's session check, which answers 200 whether or not anyone is signed in. */
export const sessionStateSchema = z.object({ signedIn: currentUserSchema.nullable() }).meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof sessionStateSchema>;

export { csrfHeaderName } from './csrf';

/** A provider's name from its issuer address: Google, Microsoft and Clever by name, any other by its host. */
export function providerNameOf(issuer: string): string {
  // The host of an http(s) address, without a port or user part (shared/ has no URL parser of its own).
  const host = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i.exec(issuer.trim())?.[1]?.toLowerCase();
  if (!host) return 'your district’s sign-in';
  const known: [RegExp, string][] = [
    [/(^|\.)google\.com$/, 'Google'],
    [/(^|\.)(microsoftonline\.com|microsoft\.com|microsoftonline\.us)$/, 'Microsoft'],
    [/(^|\.)clever\.com$/, 'Clever'],
  ];
  return known.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}

/** Where the browser goes to sign in with this email through its district's provider. */
export const providerSignInPath = (email: string): string =>
  `/api/auth/provider/start?email=${encodeURIComponent(email)}`;

/** Which way a person signs in, known from the domain of their email (and, at a domain a district claims, whether they are a person of another district). */
export const signInMethodRequestSchema = z
  .object({ email: emailAddressSchema('Enter an email address, like name@district.org.') })
  .meta({ id: 'SignInMethodRequest', example: { email: 'admin@lakeview.test' } });
export const signInMethodSchema = z
  .object({
    /** `provider`: the district signs this domain in through its own identity provider. */
    method: z.enum(['password', 'provider']),
    /** Where to send the browser to sign in with the provider. */
    providerUrl: z.string().nullable(),
    /** The provider by name, for "Continue with Google": known ones by their address, others by its host. */
    providerName: z.string().nullable(),
    /** Whether a password is still accepted for this domain. */
    passwordAllowed: z.boolean(),
  })
  .meta({ id: 'SignInMethod' });
export type SignInMethod = z.infer<typeof signInMethodSchema>;

export const updateProfileSchema = z
  .object({ name: personNameSchema })
  .meta({ id: 'UpdateProfile', example: { name: 'Dana Whitfield' } });

/** An email domain as a district lists it for its provider: lower case, without "@". */
export const signInDomainSchema = z
  .string({ error: 'must be a domain such as lakeview.k12.us' })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'must be a domain such as lakeview.k12.us',
  });

/** What a TXT record's value starts with when it proves a domain is a district's: the claim's token follows. */
export const domainVerificationPrefix = 'planner-domain-verification=';

/**
 * A district's claim on an email domain. `verified`: its people sign in through the district's provider.
 * `waiting`: the TXT record `record` is not found yet at the domain; nobody signs in through it.
 * `held_by_another_district`: still waiting, and another district verified the domain first.
 */
export const signInDomainStates = ['verified', 'waiting', 'held_by_another_district'] as const;
export const signInDomainClaimSchema = z
  .object({
    domain: z.string(),
    state: z.enum(signInDomainStates),
    /** The TXT record to add at the domain (`name`, the domain itself) to verify it, with this claim's token. */
    record: z.object({ name: z.string(), value: z.string() }),
    /**
     * A verified domain whose record the daily check has found missing: since when (the first of the checks in a
     * row), and when it is released unless the record is found (again) before (Verify looks at once): 7 days on,
     * or 30 for a domain whose record was never found.
     */
    recordMissingSince: z.iso.datetime().nullable(),
    releaseAt: z.iso.datetime().nullable(),
    /**
     * Whether its record has been found. False for a domain kept verified on the upgrade that brought records
     * (it never had one) until its record is added and found; unless it is, the domain is released 30 days after
     * the first daily check that looked for it.
     */
    recordFound: z.boolean(),
  })
  .meta({ id: 'SignInDomainClaim' });
export type SignInDomainClaim = z.infer<typeof signInDomainClaimSchema>;

/** A district's own identity provider (Google Workspace, Microsoft Entra, Clever: OpenID Connect). */
export const signInSettingsSchema = z
  .object({
    enabled: z.boolean(),
    issuer: z.string().nullable(),
    clientId: z.string().nullable(),
    /** The secret is stored encrypted and never sent back: only whether one is set. */
    clientSecretSet: z.boolean(),
    domains: z.array(signInDomainClaimSchema),
    passwordsAllowed: z.boolean(),
    /** Where the provider sends people back: register it with the provider. */
    redirectUrl: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SignInSettings' });
export type SignInSettings = z.infer<typeof signInSettingsSchema>;

export const updateSignInSettingsSchema = z
  .object({
    issuer: z.url({
      protocol: /^https?$/,
      error: 'must be the provider’s address, such as https://accounts.google.com',
    }),
    clientId: z
      .string({ error: typeError('must be text') })
      .trim()
      .min(1, { error: 'is required' })
      .max(500, { error: 'must be at most 500 characters' }),
    /** Leave out to keep the secret already stored. */
    clientSecret: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(2000, { error: 'must be at most 2000 characters' })
      .optional(),
    domains: z
      .array(signInDomainSchema, { error: 'must be a list of domains' })
      .min(1, { error: 'must name at least one email domain' })
      .max(20, { error: 'must name at most 20 domains' }),
    passwordsAllowed: z.boolean({ error: 'must be true or false' }),
    /** 0 when none are stored yet. */
    version: z
      .number({ error: 'must be the version number you last loaded' })
      .int({ error: 'must be the version number you last loaded' })
      .min(0, { error: 'must be the version number you last loaded' })
      .max(2_147_483_647, { error: 'must be the version number you last loaded' }),
  })
  .meta({
    id: 'UpdateSignInSettings',
    example: {
      issuer: 'https://accounts.google.com',
      clientId: 'planner.apps.googleusercontent.com',
      clientSecret: 'secret',
      domains: ['lakeview.test'],
      passwordsAllowed: true,
      version: 0,
    },
  });
export type UpdateSignInSettings = z.infer<typeof updateSignInSettingsSchema>;
