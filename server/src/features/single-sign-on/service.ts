import { randomBytes } from 'node:crypto';
import type * as Oidc from 'openid-client';
import { Agent } from 'undici';
import {
  domainVerificationPrefix,
  providerNameOf,
  providerSignInPath,
  type SignInMethod,
  type SignInSettings,
  type UpdateSignInSettings,
} from '@planner/shared/auth';
import { formatDateTimeIn } from '@planner/shared/format';
import type { Request } from 'express';
import { inDistrict } from '../../db/district-scope';
import { isUniqueViolation } from '../../db/errors';
import type { Db, Executor } from '../../db/knex';
import { AppError, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import type { ServiceDeps } from '../../http/routes';
import { open, seal } from '../../security/secret-box';
import { timeZoneOf } from '../district-settings/service';
import { acceptForProvider } from '../invitations/service';
import { notify } from '../notifications/service';
import { logPeopleEvent } from '../people/service';
import { assertOnTheInternet, fetchThrough, internetOnlyAgent, isNotOnTheInternet } from './internet-only';
import {
  addSignInDomains,
  domainOf,
  domainTakenConstraint,
  findAccountByEmail,
  findSignInDomain,
  findSignInSettings,
  findSignInSettingsForEmail,
  deleteSignInSettings,
  isActive,
  listSignInDomains,
  listSignInDomainsToRecheck,
  markSignInDomainVerified,
  noteSignInDomainRecordFound,
  noteSignInDomainRecordMissing,
  noteSignInDomainUnanswered,
  listUsers,
  recordSignIn,
  releaseSignInDomain,
  removeSignInDomains,
  saveSignInSettings,
  signInDomainsVerifiedElsewhere,
  unclaimableSignInDomains,
  type ReleaseWindow,
  type SignInDomainRow,
  type SignInSettingsRow,
} from '../users/service';

declare module 'express-session' {
  interface SessionData {
    /** What a sign-in through the district's provider must find again when the browser comes back. */
    providerSignIn: { state: string; nonce: string; verifier: string; districtId: string; version: number };
  }
}

// openid-client ships only as an ES module: a dynamic import loads it from this CommonJS bundle (and the
// tests compile with `module: Node16`, which keeps import() as it is).
let oidcModule: Promise<typeof Oidc> | undefined;
const oidc = () => (oidcModule ??= import('openid-client'));

export const callbackPath = '/api/auth/provider/callback';
const redirectUrlOf = (deps: ServiceDeps) => `${deps.config.publicUrl}${callbackPath}`;

/** Only a provider on this very machine (a developer's or the tests') may speak plain HTTP, and only outside production. */
const isLocal = (issuer: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);

async function discover(
  issuer: string,
  clientId: string,
  clientSecret: string,
  deps: ServiceDeps,
): Promise<Oidc.Configuration> {
  const o = await oidc();
  const url = new URL(issuer);
  if (deps.config.nodeEnv !== 'production') {
    // The same fetch as in production, its connections unchecked: the tests' sign-ins go through it.
    return o.discovery(url, clientId, clientSecret, undefined, {
      [o.customFetch]: fetchThrough(new Agent()),
      ...(isLocal(url) ? { execute: [o.allowInsecureRequests] } : {}),
    });
  }
  // In production the planner asks only providers on the internet. An issuer is typed by a district's
  // administrator, and the server asks it (and the addresses its metadata names): on this machine or a private
  // network, that would let them probe what only the server reaches. Every connection is checked; the issuer
  // also before anything is asked, so that the administrator hears why (openid-client would first refuse
  // plain HTTP).
  await assertOnTheInternet(url, deps.providerLookup);
  return o.discovery(url, clientId, clientSecret, undefined, {
    [o.customFetch]: fetchThrough(internetOnlyAgent(deps.providerLookup)),
  });
}

// The provider's metadata, per district and settings version: discovered once, not at every sign-in.
const configurations = new Map<string, Promise<Oidc.Configuration>>();
function configurationOf(settings: SignInSettingsRow, deps: ServiceDeps): Promise<Oidc.Configuration> {
  // The sealed secret differs at every save (a fresh nonce): settings saved anew are discovered anew.
  const id = `${settings.district_id}:${settings.version}:${settings.client_secret_encrypted}`;
  let found = configurations.get(id);
  if (!found) {
    found = discover(
      settings.issuer,
      settings.client_id,
      open(settings.client_secret_encrypted, deps.config.secretsKey),
      deps,
    );
    found.catch(() => configurations.delete(id));
    configurations.set(id, found);
  }
  return found;
}

/** The TXT record that proves a claim's domain is the district's: at the domain itself, with the claim's token. */
const recordOf = (claim: SignInDomainRow) => ({
  name: claim.domain,
  value: `${domainVerificationPrefix}${claim.verification_token}`,
});

/**
 * A verified domain whose record is found missing at the daily checks over this many days is released: 7 days
 * for a record that was there and went; 30 for a domain kept verified on the upgrade to records (migration 031)
 * that never had one, counted from the first check that looked for it. A claim made under the old rule holds no
 * longer than that without proof that the domain is the district's.
 */
export const releaseWindow: ReleaseWindow = { found: 7, neverFound: 30 };
const daysToReleaseOf = (claim: SignInDomainRow) =>
  claim.record_found_at ? releaseWindow.found : releaseWindow.neverFound;
const releaseAtOf = (claim: SignInDomainRow, missingSince: Date) =>
  new Date(missingSince.getTime() + daysToReleaseOf(claim) * 24 * 60 * 60 * 1000);

/**
 * The TXT records at a domain, each as one string (a record may be sent as several strings: together they are
 * its value); none when the domain has none or does not exist. A DNS failure (refused, timed out, a server
 * failure) is thrown as node:dns threw it: it says nothing of the records.
 */
async function txtRecordsAt(deps: Pick<ServiceDeps, 'txtLookup'>, domain: string): Promise<string[]> {
  try {
    return (await deps.txtLookup(domain)).map((strings) => strings.join('').trim());
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENODATA' || code === 'ENOTFOUND') return [];
    throw err;
  }
}

const holdsRecord = (records: readonly string[], claim: SignInDomainRow) =>
  records.some((record) => record.toLowerCase() === recordOf(claim).value);

async function present(db: Executor, deps: ServiceDeps, districtId: string): Promise<SignInSettings> {
  const settings = await findSignInSettings(db, districtId);
  const domains = await listSignInDomains(db, districtId);
  const heldElsewhere = new Set(
    await signInDomainsVerifiedElsewhere(
      db,
      districtId,
      domains.filter((d) => !d.verified_at).map((d) => d.domain),
    ),
  );
  return {
    enabled: settings !== undefined,
    issuer: settings?.issuer ?? null,
    clientId: settings?.client_id ?? null,
    clientSecretSet: settings !== undefined,
    domains: domains.map((d) => ({
      domain: d.domain,
      state: d.verified_at ? 'verified' : heldElsewhere.has(d.domain) ? 'held_by_another_district' : 'waiting',
      record: recordOf(d),
      recordMissingSince: d.record_missing_since?.toISOString() ?? null,
      releaseAt: d.record_missing_since ? releaseAtOf(d, d.record_missing_since).toISOString() : null,
      recordFound: d.record_found_at !== null,
    })),
    passwordsAllowed: settings?.passwords_allowed ?? true,
    redirectUrl: redirectUrlOf(deps),
    version: settings?.version ?? 0,
  };
}

export function signInSettingsOf(db: Executor, deps: ServiceDeps, user: SignedInUser): Promise<SignInSettings> {
  return present(db, deps, user.districtId);
}

/**
 * Saves the district's provider after checking that it answers as an OpenID Connect provider; the
 * secret is sealed (and kept when not sent again). A domain added waits, with a token of its own, until the
 * district verifies it (verifySignInDomainOf); those kept stay as they are.
 */
export async function saveSignInSettingsOf(
  db: Db,
  deps: ServiceDeps,
  admin: SignedInUser,
  input: UpdateSignInSettings,
): Promise<SignInSettings> {
  const current = await findSignInSettings(db, admin.districtId);
  const secret =
    input.clientSecret ?? (current ? open(current.client_secret_encrypted, deps.config.secretsKey) : undefined);
  if (!secret) throw invalidInput([{ in: 'body', field: 'clientSecret', message: 'is required to set up sign-in' }]);
  try {
    await discover(input.issuer, input.clientId, secret, deps);
  } catch (err) {
    throw invalidInput([
      isNotOnTheInternet(err)
        ? {
            in: 'body',
            field: 'issuer',
            message:
              'must be a provider on the internet: this address is of the planner’s own machine or of a private network',
          }
        : {
            in: 'body',
            field: 'issuer',
            message: `does not answer as an OpenID Connect provider (${err instanceof Error ? err.message : 'no answer'})`,
          },
    ]);
  }
  await db.transaction(async (trx) => {
    const saved = await saveSignInSettings(trx, admin.districtId, input.version, {
      issuer: input.issuer,
      client_id: input.clientId,
      client_secret_encrypted: seal(secret, deps.config.secretsKey),
      passwords_allowed: input.passwordsAllowed,
      updated_by: admin.id,
    });
    if (!saved) throw versionConflict('sign-in setting', await present(trx, deps, admin.districtId));
    const domains = [...new Set(input.domains)];
    const claims = await listSignInDomains(trx, admin.districtId);
    const held = new Set(claims.map((d) => d.domain));
    const added = domains.filter((domain) => !held.has(domain));
    const removed = claims.filter((d) => !domains.includes(d.domain));
    // Verification proves who owns a domain; a district still may not add one where another district has
    // people, nor one another district has verified. (Those it holds stay its own, whoever another district
    // invites there since.)
    const refused = await unclaimableSignInDomains(trx, admin.districtId, added);
    if (refused.length > 0) {
      throw invalidInput([
        {
          in: 'body',
          field: 'domains',
          message: `include ${refused.join(', ')}, where another district has people: list only domains your district's people alone use`,
        },
      ]);
    }
    const taken = await signInDomainsVerifiedElsewhere(trx, admin.districtId, added);
    if (taken.length > 0) {
      throw invalidInput([
        {
          in: 'body',
          field: 'domains',
          message: `include ${taken.join(', ')}, which another district has verified as its own`,
        },
      ]);
    }
    await removeSignInDomains(
      trx,
      admin.districtId,
      removed.map((d) => d.domain),
    );
    const newClaims = added.map((domain) => ({ domain, token: randomBytes(16).toString('hex') }));
    await addSignInDomains(trx, admin.districtId, newClaims);
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'sign_in_settings_changed',
      actorId: admin.id,
      subject: { id: null, name: admin.districtName, email: input.domains.join(', ') },
      note: `Sign-in through ${input.issuer}${input.passwordsAllowed ? '; passwords still allowed' : '; passwords no longer allowed'}.`,
    });
    for (const { domain, token } of newClaims) {
      await logPeopleEvent(trx, {
        districtId: admin.districtId,
        kind: 'sign_in_domain_added',
        actorId: admin.id,
        subject: { id: null, name: domain, email: '' },
        note: `Waiting for verification: the TXT record ${domainVerificationPrefix}${token} at ${domain}.`,
      });
    }
    await logDomainsRemoved(trx, admin, removed);
  });
  return present(db, deps, admin.districtId);
}

async function logDomainsRemoved(db: Executor, admin: SignedInUser, removed: readonly SignInDomainRow[]) {
  for (const claim of removed) {
    await logPeopleEvent(db, {
      districtId: admin.districtId,
      kind: 'sign_in_domain_removed',
      actorId: admin.id,
      subject: { id: null, name: claim.domain, email: '' },
      note: claim.verified_at
        ? 'Its people no longer sign in through the provider; added again, it must be verified again.'
        : 'It was waiting for verification.',
    });
  }
}

/** A domain's TXT records, in words for a message: the first few, each cut short. */
function recordsInWords(records: readonly string[]): string {
  const shown = records.slice(0, 5).map((r) => `“${r.length > 80 ? `${r.slice(0, 80)}…` : r}”`);
  const more = records.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** When to press Verify again after the DNS servers gave no answer (Retry-After). */
const dnsRetryAfterSeconds = 120;

/** Why the DNS servers gave no answer, in words, from node:dns's error code. */
function dnsFailureInWords(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEOUT') return 'the DNS servers did not answer in time';
  if (code === 'ECONNREFUSED' || code === 'EREFUSED') return 'the DNS servers refused the question';
  if (code === 'ESERVFAIL') return 'the DNS servers answered with a failure';
  return `the lookup failed (${code ?? 'no answer'})`;
}

const heldByAnotherDistrict = (domain: string) =>
  new AppError(
    'conflict',
    `${domain} is held by another district: it verified the domain first. Its people sign in through that district’s provider; remove ${domain} from your domains.`,
  );

/**
 * Verifies a domain the district claims: its TXT records must hold the claim's own record. Until then the
 * domain signs no one in through the district's provider; once verified, it does, and no other district can
 * verify it (the first to verify holds it). The route has no transaction of its own (`ownTransaction`): the
 * DNS lookup, seconds long when a server does not answer, runs between two short ones, holding no connection
 * (the embedded database has one for everybody).
 */
export async function verifySignInDomainOf(
  db: Db,
  deps: ServiceDeps,
  admin: SignedInUser,
  domain: string,
): Promise<SignInSettings> {
  const { districtId } = admin;
  const claim = await inDistrict(db, districtId, async (trx) => {
    const found = await findSignInDomain(trx, districtId, domain);
    if (!found) throw notFound('The domain');
    if (!found.verified_at && (await signInDomainsVerifiedElsewhere(trx, districtId, [domain])).length > 0) {
      throw heldByAnotherDistrict(domain);
    }
    return found;
  });
  // A verified domain is looked at again only while its record is missing (the daily check found it so; found, it
  // is no longer on its way to be released) or was never found (kept verified by migration 031: found, the daily
  // check watches it).
  if (claim.verified_at && !claim.record_missing_since && claim.record_found_at) {
    return inDistrict(db, districtId, (trx) => present(trx, deps, districtId), { readOnly: true });
  }
  const { value } = recordOf(claim);
  let records: string[];
  try {
    records = await txtRecordsAt(deps, domain);
  } catch (err) {
    // Not the district's data in conflict: DNS gave no answer, and the same press later may well succeed.
    throw new AppError(
      'service_unavailable',
      `The planner could not read the DNS records of ${domain}: ${dnsFailureInWords(err)}. Nothing was changed; verify again in a few minutes.`,
      { retryAfter: dnsRetryAfterSeconds },
    );
  }
  const later = 'then verify again: a new record can take a few minutes to be seen, at some DNS hosts up to a day.';
  if (!holdsRecord(records, claim)) {
    throw new AppError(
      'conflict',
      records.length === 0
        ? `No TXT record was found at ${domain}. Add the TXT record ${value} there, ${later}`
        : `The TXT records found at ${domain} are ${recordsInWords(records)}; none is ${value}. Add it as a record of its own, ${later}`,
    );
  }
  if (claim.verified_at) {
    return inDistrict(db, districtId, async (trx) => {
      await noteSignInDomainRecordFound(trx, districtId, domain, new Date());
      return present(trx, deps, districtId);
    });
  }
  return inDistrict(db, districtId, async (trx) => {
    let verified: boolean;
    try {
      verified = await markSignInDomainVerified(trx, districtId, domain);
    } catch (err) {
      // Another district verified it since the check above.
      if (isUniqueViolation(err, domainTakenConstraint)) throw heldByAnotherDistrict(domain);
      throw err;
    }
    // Removed meanwhile, or verified by another request of the district: nothing more to say.
    if (!verified && !(await findSignInDomain(trx, districtId, domain))) throw notFound('The domain');
    if (verified) {
      await logPeopleEvent(trx, {
        districtId,
        kind: 'sign_in_domain_verified',
        actorId: admin.id,
        subject: { id: null, name: domain, email: '' },
        note: `Its TXT record ${value} was found: its people sign in through the provider.`,
      });
    }
    return present(trx, deps, districtId);
  });
}

/**
 * The district signs in with passwords only again. Its domains stay its own, verified or waiting, so that a
 * provider set up again (often the same one, or the district's next) needs no new TXT records: with no provider
 * they sign no one in through one, and a verified one is not another district's to take meanwhile. The
 * administrator removes those the district no longer wants (removeSignInDomainOf).
 */
export async function removeSignInSettingsOf(db: Db, admin: SignedInUser): Promise<void> {
  await db.transaction(async (trx) => {
    if ((await deleteSignInSettings(trx, admin.districtId)) === 0) throw notFound('Sign-in through a provider');
    const kept = await listSignInDomains(trx, admin.districtId);
    await logPeopleEvent(trx, {
      districtId: admin.districtId,
      kind: 'sign_in_settings_changed',
      actorId: admin.id,
      subject: { id: null, name: admin.districtName, email: kept.map((d) => d.domain).join(', ') },
      note: `Sign-in through the provider turned off; everyone signs in with a password.${
        kept.length > 0 ? ' The email domains stay the district’s, for a provider set up again.' : ''
      }`,
    });
  });
}

/** Removes one of the district's domains, whether sign-in through the provider is on or off: it is released. */
export async function removeSignInDomainOf(db: Db, admin: SignedInUser, domain: string): Promise<void> {
  await db.transaction(async (trx) => {
    const claim = await findSignInDomain(trx, admin.districtId, domain);
    if (!claim) throw notFound('The domain');
    await removeSignInDomains(trx, admin.districtId, [domain]);
    await logDomainsRemoved(trx, admin, [claim]);
  });
}

/**
 * Which way an email signs in: through the provider of the district that has verified its domain, unless it
 * is a person of another district, who keeps their own district's way. An unknown email answers as the domain's
 * district's people do: what this reveals of accounts is only that an email at a verified domain is a person
 * of another district (invited there after the claim: a claim is refused where another district has people).
 */
export async function signInMethodOf(db: Executor, email: string): Promise<SignInMethod> {
  const settings = await findSignInSettingsForEmail(db, email);
  if (!settings) return { method: 'password', providerUrl: null, providerName: null, passwordAllowed: true };
  return {
    method: 'provider',
    providerUrl: providerSignInPath(email),
    providerName: providerNameOf(settings.issuer),
    passwordAllowed: settings.passwords_allowed,
  };
}

/** Why a sign-in through the provider was refused, as the sign-in page explains it. */
export type ProviderRefusal = 'unavailable' | 'expired' | 'failed' | 'unverified' | 'not-found' | 'deactivated';

export class ProviderSignInRefused extends Error {
  constructor(readonly reason: ProviderRefusal) {
    super(`Sign-in through the provider refused: ${reason}`);
  }
}

/** The provider's authorization address for this email, with PKCE, state and nonce kept in the session. */
export async function startProviderSignIn(db: Db, deps: ServiceDeps, req: Request, email: string): Promise<string> {
  const settings = await findSignInSettingsForEmail(db, email);
  if (!settings) throw new ProviderSignInRefused('unavailable');
  const o = await oidc();
  let configuration: Oidc.Configuration;
  try {
    configuration = await configurationOf(settings, deps);
  } catch {
    throw new ProviderSignInRefused('unavailable');
  }
  const verifier = o.randomPKCECodeVerifier();
  const state = o.randomState();
  const nonce = o.randomNonce();
  req.session.providerSignIn = { state, nonce, verifier, districtId: settings.district_id, version: settings.version };
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err as Error) : resolve())));
  return o
    .buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUrlOf(deps),
      scope: 'openid email profile',
      code_challenge: await o.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      login_hint: email,
    })
    .toString();
}

/**
 * The browser back from the provider: the code is exchanged with the state, nonce, PKCE verifier and
 * issuer checked; the verified email must be of the district and belong to an active account of it or
 * to an open invitation of it (no one else gets in). Answers the id of the person to sign in.
 */
export async function finishProviderSignIn(db: Db, deps: ServiceDeps, req: Request): Promise<string> {
  const pending = req.session.providerSignIn;
  delete req.session.providerSignIn;
  if (!pending) throw new ProviderSignInRefused('expired');
  const settings = await findSignInSettings(db, pending.districtId);
  if (!settings || settings.version !== pending.version) throw new ProviderSignInRefused('expired');
  const o = await oidc();
  let claims: Record<string, unknown> | undefined;
  try {
    const configuration = await configurationOf(settings, deps);
    const tokens = await o.authorizationCodeGrant(configuration, new URL(req.originalUrl, deps.config.publicUrl), {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    // Some providers put the email in the ID token, others only behind the userinfo endpoint.
    claims =
      typeof idToken?.email === 'string'
        ? idToken
        : await o.fetchUserInfo(configuration, tokens.access_token, idToken?.sub ?? o.skipSubjectCheck);
  } catch (err) {
    req.log.warn({ err }, 'Sign-in through the provider failed its checks');
    throw new ProviderSignInRefused('failed');
  }
  const email = typeof claims?.email === 'string' ? claims.email : '';
  if (!email || claims?.email_verified !== true) throw new ProviderSignInRefused('unverified');
  const claim = await findSignInDomain(db, pending.districtId, domainOf(email));
  if (!claim?.verified_at) throw new ProviderSignInRefused('not-found');

  const account = await findAccountByEmail(db, email);
  if (account && account.district_id !== pending.districtId) throw new ProviderSignInRefused('not-found');
  if (account && !isActive(account)) throw new ProviderSignInRefused('deactivated');
  const userId = account?.id ?? (await acceptForProvider(db, pending.districtId, email))?.id;
  if (!userId) throw new ProviderSignInRefused('not-found');
  await recordSignIn(db, userId);
  return userId;
}

/**
 * A verified domain's record found missing by the daily check: the district's administrators are told (in the
 * planner, and by email as each chose), at the first check that finds it missing and again at the last one before
 * the release, while about a day is left (a check comes every 23 hours or so: the one 30 hours before, say).
 * Released, its people who joined through the provider have no password; they can set one through "Forgot your
 * password?" then, but the administrators had better put the record back. Each is told once (its dedupe key).
 */
async function tellRecordMissing(
  db: Executor,
  claim: SignInDomainRow & { district_id: string },
  missingSince: Date,
  now: Date,
): Promise<void> {
  const releaseAt = releaseAtOf(claim, missingSince);
  const lastWarning = releaseAt.getTime() - now.getTime() <= 36 * 60 * 60 * 1000;
  if (missingSince.getTime() !== now.getTime() && !lastWarning) return;
  const admins = (await listUsers(db, claim.district_id)).filter((u) => u.role === 'district_admin');
  const releaseDate = formatDateTimeIn(releaseAt, await timeZoneOf(db, claim.district_id));
  const record = recordOf(claim).value;
  const otherwise =
    `Otherwise, on ${releaseDate}, its people stop signing in through the provider: they sign in with a password, ` +
    `and those who joined through the provider have none until they set one through “Forgot your password?”.`;
  await notify(db, {
    districtId: claim.district_id,
    recipients: admins.map((u) => u.id),
    kind: 'sign_in_domain_missing',
    planId: null,
    ...(claim.record_found_at
      ? {
          title: lastWarning
            ? `${claim.domain} will be released on ${releaseDate}: its TXT record is still missing`
            : `The TXT record of ${claim.domain} is missing: the domain will be released on ${releaseDate}`,
          body:
            `The daily check did not find the TXT record ${record} at ${claim.domain}. Put it back in the domain's ` +
            `DNS, then press “Look for the record again” on the District sign-in page. ${otherwise}`,
        }
      : {
          title: lastWarning
            ? `${claim.domain} will be released on ${releaseDate}: its TXT record was never added`
            : `Add a TXT record to ${claim.domain} by ${releaseDate}, or the domain will be released`,
          body:
            `${claim.domain} was verified before the planner asked for a DNS record, and has none. Add the TXT ` +
            `record ${record} to the domain's DNS, then press “Look for the record” on the District sign-in page. ` +
            otherwise,
        }),
    link: '/district-sign-in',
    dedupeKey: `${lastWarning ? 'sign-in-domain-release-near' : 'sign-in-domain-missing'}:${claim.domain}:${missingSince.toISOString()}`,
  });
}

/**
 * The daily look at every verified domain (the `domains` job; `now` is the clock, for tests): a domain whose TXT
 * record is found is kept; one whose record is found missing (a definite answer: no such record, or no such
 * domain) is noted missing since that check (its administrators are told: tellRecordMissing), and released, to
 * wait for verification again, once checks spanning its `releaseWindow` have all found it missing; the People
 * log says so. A DNS failure says nothing of the record: the domain is only noted as tried, goes behind the others
 * and is looked at again at a next run. Each domain is looked at outside any transaction (a lookup may take
 * seconds), and written in a short one of its own. `districtId` looks at that district's domains only (tests).
 */
export async function recheckSignInDomains(
  db: Db,
  deps: Pick<ServiceDeps, 'txtLookup'>,
  now: Date = new Date(),
  { limit = 100, districtId }: { limit?: number; districtId?: string } = {},
): Promise<{ found: number; missing: number; released: number; unanswered: number }> {
  const counts = { found: 0, missing: 0, released: 0, unanswered: 0 };
  for (const claim of await listSignInDomainsToRecheck(db, now, releaseWindow, limit, districtId)) {
    let records: string[];
    try {
      records = await txtRecordsAt(deps, claim.domain);
    } catch {
      await noteSignInDomainUnanswered(db, claim.district_id, claim.domain, now);
      counts.unanswered += 1;
      continue;
    }
    if (holdsRecord(records, claim)) {
      await noteSignInDomainRecordFound(db, claim.district_id, claim.domain, now);
      counts.found += 1;
      continue;
    }
    await db.transaction(async (trx) => {
      if (await releaseSignInDomain(trx, claim.district_id, claim.domain, now, releaseWindow)) {
        await logPeopleEvent(trx, {
          districtId: claim.district_id,
          kind: 'sign_in_domain_released',
          actorId: null,
          subject: { id: null, name: claim.domain, email: '' },
          note: `Its TXT record ${recordOf(claim).value} ${claim.record_found_at ? 'was not found' : 'was never added'} at the daily checks over ${daysToReleaseOf(claim)} days: it waits for verification again. Until then its people sign in with a password; those who have none (who joined through the provider) set one through “Forgot your password?” or a reset link an administrator makes.`,
        });
        counts.released += 1;
      } else {
        const missingSince = await noteSignInDomainRecordMissing(trx, claim.district_id, claim.domain, now);
        if (missingSince) await tellRecordMissing(trx, claim, missingSince, now);
        counts.missing += 1;
      }
    });
  }
  return counts;
}
