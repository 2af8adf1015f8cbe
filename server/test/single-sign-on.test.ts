import { createSocket } from 'node:dgram';
import request from 'supertest';
import type { Express } from 'express';
import type { SignInSettings } from '@planner/shared/auth';
import type { InvitationWithLink } from '@planner/shared/invitation';
import type { NotificationList } from '@planner/shared/notification';
import type { PeopleEvent } from '@planner/shared/user';
import { formatDateTimeIn } from '@planner/shared/format';
import { sendWaitingEmails } from '../src/commands/emails';
import { loadConfig } from '../src/config';
import { timeZoneOf } from '../src/features/district-settings/service';
import { txtLookupAt } from '../src/features/single-sign-on/domain-records';
import { fetchThrough, internetOnlyAgent, NotOnTheInternet } from '../src/features/single-sign-on/internet-only';
import { recheckSignInDomains } from '../src/features/single-sign-on/service';
import { startDnsServer, type TestDnsServer } from './support/dns-server';
import { startMailServer, type TestMailServer } from './support/mail-server';
import { startTestProvider, type TestProvider } from './support/oidc-provider';
import { appOn, signIn, startTestApp, write, type SignedInAgent, type TestApp } from './support/test-app';
import {
  buildDistrict,
  buildInvitation,
  buildPlan,
  buildRoleInReview,
  buildUser,
  testPassword,
  unique,
  type TestDistrict,
} from './support/factories';

/**
 * Single sign-on through a district's own provider, end to end against a real OpenID Connect provider:
 * the planner discovers it, sends the browser there with PKCE, state and nonce, and checks what comes back.
 * A district's domains are verified through a real DNS server on 127.0.0.1 (DNS_SERVERS), whose TXT
 * records each test sets.
 */
const publicUrl = 'http://planner.test';
let provider: TestProvider;
let mail: TestMailServer;
let dns: TestDnsServer;
/** The TXT records the test DNS server answers, by name: each record as its strings. */
const txtRecords = new Map<string, string[][]>();
let t: TestApp;
let district: TestDistrict;
let other: TestDistrict;
let admin: SignedInAgent;
const domain = `sso-${unique()}.test`;
const staff = `dana@${domain}`;

beforeAll(async () => {
  provider = await startTestProvider({
    redirectUri: `${publicUrl}/api/auth/provider/callback`,
    accounts: {
      dana: { email: staff, verified: true },
      unverified: { email: `sam@${domain}`, verified: false },
      // A name claim that no schema of the planner's cleaned: a line break, a bell, a direction override.
      newcomer: { email: `newcomer@${domain}`, verified: true, name: 'New\ncomer\u0007 \u202Egnp.exe' },
      stranger: { email: `stranger@${domain}`, verified: true },
      elsewhere: { email: `someone@elsewhere-${unique()}.test`, verified: true },
      gone: { email: `gone@${domain}`, verified: true },
      invitee: { email: `invitee@${domain}`, verified: true },
    },
  });
  mail = await startMailServer();
  dns = await startDnsServer({ txt: (name) => txtRecords.get(name) ?? [] });
  t = await startTestApp({
    config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl, DNS_SERVERS: dns.address }),
    mailer: mail.mailer,
  });
  [district, other] = [await buildDistrict(t.db), await buildDistrict(t.db)];
  admin = await signIn(t.app, district.admin.email, testPassword);
  await buildUser(t.db, district.id, 'principal', { email: staff, name: 'Dana Staff' });
});
afterAll(async () => {
  await t.close();
  await provider.close();
  await mail.close();
  await dns.close();
});

const productionConfig = () =>
  loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: publicUrl,
    SESSION_SECRET: 'a-production-session-secret-of-32-characters',
    SECRETS_KEY: '1'.repeat(64),
  });

const settingsBody = (overrides: Record<string, unknown> = {}) => ({
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: provider.clientSecret,
  domains: [domain],
  passwordsAllowed: true,
  version: 0,
  ...overrides,
});

const verificationUrl = (domain: string) => `/api/district/sign-in/domains/${domain}/verification`;

/** The TXT record the district's settings give for a domain it claims. */
async function recordOf(who: SignedInAgent, domain: string): Promise<{ name: string; value: string }> {
  const settings = (await who.agent.get('/api/district/sign-in')).body as SignInSettings;
  const claim = settings.domains.find((d) => d.domain === domain);
  if (!claim) throw new Error(`${domain} is not among the district's domains`);
  return claim.record;
}

/** The district's record for the domain put at the DNS server, then Verify pressed: the answer. */
async function verify(who: SignedInAgent, domain: string) {
  const record = await recordOf(who, domain);
  txtRecords.set(record.name, [['v=spf1 include:_spf.google.com ~all'], [record.value]]);
  return write(who, 'post', verificationUrl(domain));
}

const stateOf = async (who: SignedInAgent, domain: string) =>
  ((await who.agent.get('/api/district/sign-in')).body as SignInSettings).domains.find((d) => d.domain === domain)
    ?.state;

const methodOf = async (email: string, app: Express = t.app) =>
  ((await request(app).post('/api/auth/sign-in-method').send({ email })).body as { method: string }).method;

/** From the sign-in page's "Continue" to the planner's answer when the browser comes back. */
async function throughProvider(login: string, email = staff, tamper?: (url: URL) => void) {
  const browser = request.agent(t.app);
  const method = await browser.post('/api/auth/sign-in-method').send({ email });
  expect(method.body).toMatchObject({ method: 'provider', providerName: '127.0.0.1' });
  const start = await browser.get(method.body.providerUrl);
  expect(start.status).toBe(302);
  const authorization = new URL(start.headers.location!);
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('nonce')).toBeTruthy();
  const back = await provider.signIn(authorization.toString(), login);
  tamper?.(back);
  const landed = await browser.get(`${back.pathname}${back.search}`);
  return { browser, landed };
}

describe('sign-in through the district provider', () => {
  it('an admin sets it up: the provider is checked, the secret is never sent back', async () => {
    const wrong = await write(admin, 'put', '/api/district/sign-in').send(
      settingsBody({ issuer: 'http://127.0.0.1:1' }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'issuer' });

    const res = await write(admin, 'put', '/api/district/sign-in').send(settingsBody());
    expect(res.status).toBe(200);
    const settings = res.body as SignInSettings;
    expect(settings).toMatchObject({
      enabled: true,
      issuer: provider.issuer,
      clientSecretSet: true,
      domains: [
        {
          domain,
          state: 'waiting',
          record: { name: domain, value: expect.stringMatching(/^planner-domain-verification=[0-9a-f]{32}$/) },
        },
      ],
      redirectUrl: `${publicUrl}/api/auth/provider/callback`,
      version: 1,
    });
    expect(JSON.stringify(settings)).not.toContain(provider.clientSecret);
    const stored = await t.db('district_sign_in').where({ district_id: district.id }).first();
    expect(stored.client_secret_encrypted).not.toContain(provider.clientSecret);

    // Waiting for verification, the domain sends no one to the provider; verified, it does.
    expect(await methodOf(staff)).toBe('password');
    const start = await request(t.app).get(`/api/auth/provider/start?email=${encodeURIComponent(staff)}`);
    expect(start.headers.location).toBe('/sign-in?provider=unavailable');
    const verified = await verify(admin, domain);
    expect(verified.status).toBe(200);
    expect((verified.body as SignInSettings).domains).toEqual([expect.objectContaining({ domain, state: 'verified' })]);
    expect(await methodOf(staff)).toBe('provider');

    // Another district cannot take the verified domain, nor read these settings.
    const otherAdmin = await signIn(t.app, other.admin.email, testPassword);
    const taken = await write(otherAdmin, 'put', '/api/district/sign-in').send(settingsBody());
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0]).toMatchObject({ field: 'domains', message: expect.stringContaining(domain) });
    expect((await otherAdmin.agent.get('/api/district/sign-in')).body.enabled).toBe(false);
    const viewer = await signIn(t.app, district.viewer.email, testPassword);
    expect((await viewer.agent.get('/api/district/sign-in')).status).toBe(403);
  });

  it('in production, a provider on the planner’s own machine or a private network is refused before it is asked', async () => {
    const production = await startTestApp({ config: productionConfig() });
    try {
      const theirs = await buildDistrict(production.db);
      const theirAdmin = await signIn(production.app, theirs.admin.email, testPassword);
      const asked = provider.requestCount();
      for (const issuer of [provider.issuer, 'https://localhost:9', 'https://10.255.255.1', 'https://[::1]:9']) {
        const res = await write(theirAdmin, 'put', '/api/district/sign-in').send(settingsBody({ issuer }));
        expect([issuer, res.status, res.body.errors]).toEqual([
          issuer,
          400,
          [
            expect.objectContaining({
              field: 'issuer',
              message: expect.stringContaining('a provider on the internet'),
            }),
          ],
        ]);
      }
      // Refused from the address alone: the provider on this machine was not asked.
      expect(provider.requestCount()).toBe(asked);
      expect(await production.db('district_sign_in').where({ district_id: theirs.id }).first()).toBeUndefined();
    } finally {
      await production.close();
    }
  });

  it('in production, a provider’s name that resolves to the internet when checked and to this machine when connected to is refused, and this machine is not connected to', async () => {
    const onTheInternet = '93.184.215.14'; // example.com's
    const answered: string[] = [];
    const rebinding = await startDnsServer({
      a: () => {
        answered.push(answered.length === 0 ? onTheInternet : '127.0.0.1');
        return answered.at(-1)!;
      },
    });
    const production = await startTestApp({ config: productionConfig(), providerLookup: rebinding.lookup });
    try {
      const theirs = await buildDistrict(production.db);
      const theirAdmin = await signIn(production.app, theirs.admin.email, testPassword);
      const connections = provider.connectionCount();
      const issuer = `https://sso-${unique()}.rebinding.test:${new URL(provider.issuer).port}`;
      const res = await write(theirAdmin, 'put', '/api/district/sign-in').send(settingsBody({ issuer }));
      expect([res.status, res.body.errors]).toEqual([
        400,
        [expect.objectContaining({ field: 'issuer', message: expect.stringContaining('a provider on the internet') })],
      ]);
      // Checked first (the internet), resolved again to connect (this machine): refused there.
      expect(answered).toEqual([onTheInternet, '127.0.0.1']);
      expect(provider.connectionCount()).toBe(connections);
      expect(await production.db('district_sign_in').where({ district_id: theirs.id }).first()).toBeUndefined();
    } finally {
      await production.close();
      await rebinding.close();
    }
  });

  it('in production, each connection to a provider is checked where it goes, whatever was checked before it', async () => {
    const local = await startDnsServer({ a: () => '127.0.0.1' });
    const guarded = fetchThrough(internetOnlyAgent(local.lookup));
    const port = new URL(provider.issuer).port;
    const connections = provider.connectionCount();
    try {
      const hosts = [
        '127.0.0.1',
        '[::1]',
        '[::ffff:127.0.0.1]',
        '10.0.0.1',
        '192.168.1.1',
        '169.254.169.254',
        `sso-${unique()}.rebinding.test`,
      ];
      for (const host of hosts) {
        const url = `http://${host}:${port}/.well-known/openid-configuration`;
        const refusal = await guarded(url, { method: 'GET', headers: {}, body: undefined, redirect: 'manual' }).catch(
          (err: unknown) => err,
        );
        expect([host, (refusal as Error).cause]).toEqual([host, expect.any(NotOnTheInternet)]);
      }
      expect(provider.connectionCount()).toBe(connections);
    } finally {
      await local.close();
    }
  });

  it('a person of the district signs in at the provider and lands signed in', async () => {
    const { browser, landed } = await throughProvider('dana');
    expect(landed.status).toBe(302);
    expect(landed.headers.location).toBe('/');
    const me = await browser.get('/api/auth/me');
    expect(me.body.user).toMatchObject({ email: staff, name: 'Dana Staff' });
  });

  it('an open invitation of the district is accepted on the way in, with the name it was sent to, not the provider’s', async () => {
    const invited = await write(admin, 'post', '/api/invitations').send({
      email: `newcomer@${domain}`,
      name: 'Nia\tNewcomer\u202E',
      role: 'viewer',
      schoolIds: [],
    });
    expect(invited.status).toBe(201);
    const { browser, landed } = await throughProvider('newcomer', `newcomer@${domain}`);
    expect(landed.headers.location).toBe('/');
    // The name is the invitation's, cleaned as every one-line name is; the provider's name claim is not taken.
    expect((await browser.get('/api/auth/me')).body.user).toMatchObject({
      email: `newcomer@${domain}`,
      name: 'Nia Newcomer',
      role: 'viewer',
    });
  });

  it.each([
    ['a wrong state', 'dana', (url: URL) => url.searchParams.set('state', 'forged'), 'failed'],
    ['a wrong issuer', 'dana', (url: URL) => url.searchParams.set('iss', 'http://evil.example'), 'failed'],
    ['an unverified email', 'unverified', undefined, 'unverified'],
    ['an email with no account or invitation', 'stranger', undefined, 'not-found'],
    ['an email of another domain', 'elsewhere', undefined, 'not-found'],
  ] as const)('%s is refused and nobody is signed in', async (_case, login, tamper, reason) => {
    const { browser, landed } = await throughProvider(login, staff, tamper);
    expect(landed.status).toBe(302);
    expect(landed.headers.location).toBe(`/sign-in?provider=${reason}`);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('an email of another district is refused, even with a verified email at the provider', async () => {
    await buildUser(t.db, other.id, 'viewer', { email: `gone@${domain}` });
    // Their own district's way is a password, and the provider is not offered to them…
    expect(
      (
        await request(t.app)
          .post('/api/auth/sign-in-method')
          .send({ email: `gone@${domain}` })
      ).body,
    ).toMatchObject({ method: 'password' });
    const start = await request(t.app).get(`/api/auth/provider/start?email=${encodeURIComponent(`gone@${domain}`)}`);
    expect(start.headers.location).toBe('/sign-in?provider=unavailable');
    // …nor taken from them when they go there under another email.
    const { browser, landed } = await throughProvider('gone', `stranger@${domain}`);
    expect(landed.headers.location).toBe('/sign-in?provider=not-found');
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    // Gone again: below, the district claims its domain anew, which another district's person there would stop.
    await t
      .db('users')
      .where({ email: `gone@${domain}` })
      .delete();
  });

  it('a deactivated person is refused', async () => {
    const person = await buildUser(t.db, district.id, 'viewer', { email: `left-${unique()}@${domain}` });
    await t.db('users').where({ id: person.id }).update({ deactivated_at: new Date() });
    // The provider knows them under the login of their email's local part.
    const local = person.email.split('@')[0]!;
    const p2 = await startTestProvider({
      redirectUri: `${publicUrl}/api/auth/provider/callback`,
      accounts: { [local]: { email: person.email, verified: true } },
    });
    // The district moves to another provider: it turns sign-in off, then sets it up anew.
    expect((await write(admin, 'delete', '/api/district/sign-in')).status).toBe(204);
    expect((await admin.agent.get('/api/district/sign-in')).body).toMatchObject({ enabled: false, version: 0 });
    const res = await write(admin, 'put', '/api/district/sign-in').send(
      settingsBody({ issuer: p2.issuer, clientId: p2.clientId, clientSecret: p2.clientSecret, version: 0 }),
    );
    expect(res.status).toBe(200);
    // Its domain stayed the district's while sign-in was off: verified still, with no new record to add.
    expect((res.body as SignInSettings).domains).toEqual([expect.objectContaining({ domain, state: 'verified' })]);
    const browser = request.agent(t.app);
    const start = await browser.get(`/api/auth/provider/start?email=${encodeURIComponent(person.email)}`);
    const back = await p2.signIn(start.headers.location!, local);
    const landed = await browser.get(`${back.pathname}${back.search}`);
    expect(landed.headers.location).toBe('/sign-in?provider=deactivated');
    await p2.close();
  });

  it('when passwords are no longer allowed for the domain, a password sign-in is refused with the way to sign in', async () => {
    const current = (await admin.agent.get('/api/district/sign-in')).body as SignInSettings;
    // Back to the first provider, keeping no password sign-in for the domain.
    const saved = await write(admin, 'put', '/api/district/sign-in').send(
      settingsBody({ passwordsAllowed: false, version: current.version }),
    );
    expect(saved.status).toBe(200);
    const res = await request(t.app).post('/api/auth/login').send({ email: staff, password: testPassword });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/signs in through its own provider/);
    expect((await request(t.app).post('/api/auth/sign-in-method').send({ email: staff })).body).toMatchObject({
      method: 'provider',
      passwordAllowed: false,
    });
    // Other domains still sign in with a password.
    expect(
      (await request(t.app).post('/api/auth/sign-in-method').send({ email: district.viewer.email })).body.method,
    ).toBe('password');
    // So do people of another district at the domain: its claim is this district's people's, not theirs.
    const elsewhere = await buildUser(t.db, other.id, 'viewer', { email: `pat-${unique()}@${domain}` });
    const theirs = await request(t.app)
      .post('/api/auth/login')
      .send({ email: elsewhere.email, password: testPassword });
    expect(theirs.status).toBe(200);
    expect(theirs.body.user).toMatchObject({ id: elsewhere.id });
  });

  it('an invitation where only the provider signs in asks for no password: the invitee joins through the provider, in the role invited', async () => {
    const current = (await admin.agent.get('/api/district/sign-in')).body as SignInSettings;
    const saved = await write(admin, 'put', '/api/district/sign-in').send(
      settingsBody({ passwordsAllowed: false, version: current.version }),
    );
    expect(saved.status).toBe(200);
    const email = `invitee@${domain}`;
    const school = district.schools[0]!;
    const { plan } = await buildPlan(t.db, district);
    const waiting = await buildRoleInReview(t.db, district, plan.id, {
      title: `Coach ${unique()}`,
      schoolIds: [school.id],
    });
    const invited = await write(admin, 'post', '/api/invitations').send({
      email,
      name: 'Ines Invitee',
      role: 'principal',
      schoolIds: [school.id],
    });
    expect(invited.status).toBe(201);
    const token = (invited.body as InvitationWithLink).acceptUrl.split('/').at(-1)!;

    // The email and the page say how the invitee will sign in: through the provider, with no password.
    const letter = await mail.messageTo(email);
    expect(letter.text).toContain('sign in through 127.0.0.1 with this email address');
    expect(letter.text).not.toContain('password');
    const preview = await request(t.app).get(`/api/invitations/accept/${token}`);
    expect(preview.body).toMatchObject({
      email,
      role: 'principal',
      signIn: {
        method: 'provider',
        providerName: '127.0.0.1',
        providerUrl: `/api/auth/provider/start?email=${encodeURIComponent(email)}`,
        passwordAllowed: false,
      },
    });

    // A password would never sign them in: it is refused, and the invitation stays open.
    const withPassword = await request(t.app)
      .post(`/api/invitations/accept/${token}`)
      .send({ name: 'Ines Invitee', password: 'a long pass phrase of mine' });
    expect(withPassword.status).toBe(403);
    expect(withPassword.body.detail).toMatch(/signs in through its own provider/);
    expect(await t.db('users').where({ email })).toEqual([]);
    expect((await request(t.app).get(`/api/invitations/accept/${token}`)).status).toBe(200);

    // Through the provider, they land signed in, as the principal of the school they were invited for.
    const browser = request.agent(t.app);
    const start = await browser.get(preview.body.signIn.providerUrl);
    expect(start.status).toBe(302);
    const back = await provider.signIn(start.headers.location!, 'invitee');
    const landed = await browser.get(`${back.pathname}${back.search}`);
    expect(landed.headers.location).toBe('/');
    const me = await browser.get('/api/auth/me');
    expect(me.body.user).toMatchObject({ email, name: 'Ines Invitee', role: 'principal' });
    expect(me.body.schools).toEqual([{ id: school.id, name: school.name }]);
    // A role already in review for their school waits for them: they are told of it.
    expect((await browser.get('/api/notifications')).body.notifications).toEqual([
      expect.objectContaining({
        kind: 'review_waiting',
        title: `“${waiting.title}” in “${plan.title}” is waiting for your review`,
        link: `/plans/${plan.id}/roles/${waiting.id}`,
      }),
    ]);
    // The link is spent, and nobody can set a password on the account through it.
    expect((await request(t.app).get(`/api/invitations/accept/${token}`)).status).toBe(404);
    expect((await t.db('users').where({ email }).first()).password_hash).toBeNull();
  });

  it('an invitation to an email of a domain the district does not claim still asks for a password', async () => {
    const invitation = await buildInvitation(t.db, district, { role: 'viewer' });
    const preview = await request(t.app).get(`/api/invitations/accept/${invitation.acceptUrl.split('/').at(-1)!}`);
    expect(preview.body.signIn).toEqual({
      method: 'password',
      providerName: null,
      providerUrl: null,
      passwordAllowed: true,
    });
  });

  it('a district cannot claim a domain where another district has people, and their people keep their sign-in', async () => {
    const claimant = await buildDistrict(t.db);
    const claimantAdmin = await signIn(t.app, claimant.admin.email, testPassword);
    // The other district's admin, and a domain where the other district has only an open invitation.
    const theirDomain = other.admin.email.slice(other.admin.email.indexOf('@') + 1);
    const invitedDomain = `invited-${unique()}.test`;
    await buildInvitation(t.db, other, { email: `kim@${invitedDomain}` });
    const free = `free-${unique()}.test`;
    for (const [domains, named] of [
      [[theirDomain], theirDomain],
      [[free, invitedDomain], invitedDomain],
    ] as const) {
      const res = await write(claimantAdmin, 'put', '/api/district/sign-in').send(settingsBody({ domains }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'domains' })]);
      expect(res.body.errors[0].message).toContain(named);
      expect(res.body.errors[0].message).not.toContain(free);
    }
    expect((await claimantAdmin.agent.get('/api/district/sign-in')).body.enabled).toBe(false);
    expect(await t.db('district_sign_in_domains').whereIn('domain', [theirDomain, invitedDomain])).toEqual([]);
    const login = await request(t.app)
      .post('/api/auth/login')
      .send({ email: other.admin.email, password: testPassword });
    expect(login.status).toBe(200);
    // An account of its own there proves nothing (an admin makes one by accepting their own invitation).
    await buildUser(t.db, claimant.id, 'viewer', { email: `lee@${invitedDomain}` });
    const stillRefused = await write(claimantAdmin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [invitedDomain] }),
    );
    expect(stillRefused.status).toBe(400);
    // A domain it holds stays its own, whoever another district invites there later: it can still save.
    const claimed = await write(claimantAdmin, 'put', '/api/district/sign-in').send(settingsBody({ domains: [free] }));
    expect(claimed.status).toBe(200);
    await buildInvitation(t.db, other, { email: `ray@${free}` });
    const saved = await write(claimantAdmin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [free], passwordsAllowed: false, version: claimed.body.version }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ domains: [{ domain: free, state: 'waiting' }], passwordsAllowed: false });
  });
});

describe('verifying a domain through its TXT record', () => {
  /** A new district with its provider set up for `domains`, all waiting: its admin, signed in. */
  async function districtClaiming(...domains: string[]) {
    const claimant = await buildDistrict(t.db);
    const claimantAdmin = await signIn(t.app, claimant.admin.email, testPassword);
    const res = await write(claimantAdmin, 'put', '/api/district/sign-in').send(settingsBody({ domains }));
    expect(res.status).toBe(200);
    return { district: claimant, admin: claimantAdmin };
  }
  const logOf = async (who: SignedInAgent) => (await who.agent.get('/api/people/log')).body.events as PeopleEvent[];
  /** A UDP port on 127.0.0.1 where nothing listens now. */
  async function closedPort(): Promise<number> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(resolve));
    return port;
  }

  it('with the record at the domain, the domain is verified, its people sign in through the provider, and the People log says so', async () => {
    const claimed = `verify-${unique()}.test`;
    const { admin: theirAdmin } = await districtClaiming(claimed);
    const record = await recordOf(theirAdmin, claimed);
    // A long record may come as several strings: together they make its value.
    txtRecords.set(claimed, [['v=spf1 -all'], [record.value.slice(0, 20), record.value.slice(20)]]);
    const res = await write(theirAdmin, 'post', verificationUrl(claimed));
    expect(res.status).toBe(200);
    expect((res.body as SignInSettings).domains).toEqual([
      { domain: claimed, state: 'verified', record, recordMissingSince: null, releaseAt: null, recordFound: true },
    ]);
    expect(await methodOf(`someone@${claimed}`)).toBe('provider');
    // Verifying again changes nothing.
    expect((await write(theirAdmin, 'post', verificationUrl(claimed))).body).toEqual(res.body);

    // Removed, it signs no one in through the provider any longer.
    const current = (await theirAdmin.agent.get('/api/district/sign-in')).body as SignInSettings;
    const other = `other-${unique()}.test`;
    const saved = await write(theirAdmin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [other], version: current.version }),
    );
    expect(saved.body.domains).toEqual([expect.objectContaining({ domain: other, state: 'waiting' })]);
    expect(await methodOf(`someone@${claimed}`)).toBe('password');
    const lines = (await logOf(theirAdmin))
      .filter((e) => e.kind.startsWith('sign_in_domain_'))
      .map((e) => [e.kind, e.subject.name, e.note]);
    // The lines of one save share their time: in any order among themselves.
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['sign_in_domain_added', claimed, `Waiting for verification: the TXT record ${record.value} at ${claimed}.`],
        [
          'sign_in_domain_verified',
          claimed,
          `Its TXT record ${record.value} was found: its people sign in through the provider.`,
        ],
        ['sign_in_domain_added', other, expect.stringContaining('Waiting for verification')],
        [
          'sign_in_domain_removed',
          claimed,
          'Its people no longer sign in through the provider; added again, it must be verified again.',
        ],
      ]),
    );
  });

  it.each([
    ['no TXT record at all', () => [], (_value: string, d: string) => `No TXT record was found at ${d}.`],
    [
      'other records only, one with another token',
      () => [['v=spf1 -all'], ['planner-domain-verification=0123456789abcdef0123456789abcdef']],
      (value: string, d: string) =>
        `The TXT records found at ${d} are “v=spf1 -all”, “planner-domain-verification=0123456789abcdef0123456789abcdef”; none is ${value}.`,
    ],
  ])('with %s, it is not verified, and the answer says what was found', async (_case, records, said) => {
    const claimed = `unverified-${unique()}.test`;
    const { admin: theirAdmin } = await districtClaiming(claimed);
    txtRecords.set(claimed, records());
    const res = await write(theirAdmin, 'post', verificationUrl(claimed));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    const { value } = await recordOf(theirAdmin, claimed);
    expect(res.body.detail).toContain(said(value, claimed));
    expect(res.body.detail).toContain('then verify again');
    expect(await stateOf(theirAdmin, claimed)).toBe('waiting');
    expect(await methodOf(`someone@${claimed}`)).toBe('password');
  });

  it('when the DNS servers refuse or do not answer, it answers 503 with Retry-After saying DNS did not answer and to try again, never a 409 or a 500, and nothing changes', async () => {
    const claimed = `dns-down-${unique()}.test`;
    const { district: theirs, admin: theirAdmin } = await districtClaiming(claimed);
    const { value } = await recordOf(theirAdmin, claimed);
    txtRecords.set(claimed, [[value]]);
    // A server that never answers: asked twice, then given up on.
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      for (const [server, why] of [
        [`127.0.0.1:${await closedPort()}`, 'the DNS servers refused the question'],
        [`127.0.0.1:${silent.address().port}`, 'the DNS servers did not answer in time'],
      ] as const) {
        const down = appOn(t.db, {
          config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl, DNS_SERVERS: server }),
        }).app;
        const downAdmin = await signIn(down, theirs.admin.email, testPassword);
        const res = await write(downAdmin, 'post', verificationUrl(claimed));
        expect([res.status, res.body.code, res.body.detail]).toEqual([
          503,
          'service_unavailable',
          `The planner could not read the DNS records of ${claimed}: ${why}. Nothing was changed; verify again in a few minutes.`,
        ]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(await stateOf(theirAdmin, claimed)).toBe('waiting');
      }
    } finally {
      silent.close();
    }
    // Once DNS answers, the same record verifies it.
    expect((await write(theirAdmin, 'post', verificationUrl(claimed))).status).toBe(200);
  });

  it('several districts may wait on one domain; the first to verify holds it, and the others are told it is held by another district', async () => {
    const shared = `shared-${unique()}.test`;
    const first = await districtClaiming(shared);
    const second = await districtClaiming(shared);
    const [firstRecord, secondRecord] = [await recordOf(first.admin, shared), await recordOf(second.admin, shared)];
    expect(firstRecord.value).not.toBe(secondRecord.value);
    expect([await stateOf(first.admin, shared), await stateOf(second.admin, shared)]).toEqual(['waiting', 'waiting']);
    // The second district's record alone at the domain: the first's verification fails on it.
    txtRecords.set(shared, [[secondRecord.value]]);
    expect((await write(first.admin, 'post', verificationUrl(shared))).status).toBe(409);

    expect((await verify(second.admin, shared)).status).toBe(200);
    expect(await stateOf(first.admin, shared)).toBe('held_by_another_district');
    // Even with its own record at the domain too, the first district cannot verify it now.
    txtRecords.set(shared, [[secondRecord.value], [firstRecord.value]]);
    const late = await write(first.admin, 'post', verificationUrl(shared));
    expect([late.status, late.body.detail]).toEqual([409, expect.stringMatching(/^\S+ is held by another district/)]);
    expect(await stateOf(first.admin, shared)).toBe('held_by_another_district');
    // Its people, unknown to both districts, sign in through the second district's provider only.
    const browser = request.agent(t.app);
    const start = await browser.get(`/api/auth/provider/start?email=${encodeURIComponent(`kim@${shared}`)}`);
    expect(start.status).toBe(302);
    expect(new URL(start.headers.location!).origin).toBe(provider.issuer);
    expect(await t.db('district_sign_in_domains').where({ domain: shared }).whereNotNull('verified_at')).toEqual([
      expect.objectContaining({ district_id: second.district.id }),
    ]);
    // A third district cannot even add it now.
    const third = await buildDistrict(t.db);
    const thirdAdmin = await signIn(t.app, third.admin.email, testPassword);
    const refused = await write(thirdAdmin, 'put', '/api/district/sign-in').send(settingsBody({ domains: [shared] }));
    expect([refused.status, refused.body.errors]).toEqual([
      400,
      [
        expect.objectContaining({
          field: 'domains',
          message: expect.stringContaining('another district has verified'),
        }),
      ],
    ]);
  });

  it('turning sign-in off keeps the district’s domains, verified and waiting: they sign no one in while it is off, another district cannot take the verified one, and set up again it signs in at once', async () => {
    const [kept, waiting] = [`kept-${unique()}.test`, `waiting-${unique()}.test`];
    const first = await districtClaiming(kept, waiting);
    expect((await verify(first.admin, kept)).status).toBe(200);
    const before = ((await first.admin.agent.get('/api/district/sign-in')).body as SignInSettings).domains;
    expect((await write(first.admin, 'delete', '/api/district/sign-in')).status).toBe(204);

    const off = (await first.admin.agent.get('/api/district/sign-in')).body as SignInSettings;
    expect(off).toMatchObject({ enabled: false, issuer: null, version: 0 });
    expect(off.domains).toEqual(before);
    expect(off.domains.map((d) => d.state)).toEqual(['verified', 'waiting']);
    // With no provider, its people sign in with a password.
    expect(await methodOf(`someone@${kept}`)).toBe('password');
    expect((await request(t.app).get(`/api/auth/provider/start?email=someone@${kept}`)).headers.location).toBe(
      '/sign-in?provider=unavailable',
    );
    const lines = (await logOf(first.admin)).map((e) => [e.kind, e.subject.name, e.note]);
    expect(lines[0]).toEqual([
      'sign_in_settings_changed',
      first.district.name,
      'Sign-in through the provider turned off; everyone signs in with a password. The email domains stay the district’s, for a provider set up again.',
    ]);
    expect(lines.filter(([kind]) => kind === 'sign_in_domain_removed')).toEqual([]);

    // Meanwhile the verified domain is still the district's: another district cannot claim it. The waiting one
    // held nothing: another district verifies it, and holds it.
    const second = await districtClaiming(`second-${unique()}.test`);
    const current = (await second.admin.agent.get('/api/district/sign-in')).body as SignInSettings;
    const taken = await write(second.admin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [kept, waiting], version: current.version }),
    );
    expect([taken.status, taken.body.errors]).toEqual([
      400,
      [
        expect.objectContaining({
          field: 'domains',
          message: expect.stringContaining(`include ${kept}, which another district has verified`),
        }),
      ],
    ]);
    const claimed = await write(second.admin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [waiting], version: current.version }),
    );
    expect(claimed.status).toBe(200);
    expect((await verify(second.admin, waiting)).status).toBe(200);
    expect(await stateOf(first.admin, waiting)).toBe('held_by_another_district');

    // Set up again, the verified domain signs its people in at once, with the record it had.
    const again = await write(first.admin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [kept, waiting] }),
    );
    expect(again.status).toBe(200);
    expect((again.body as SignInSettings).domains).toEqual([
      before[0],
      { ...before[1], state: 'held_by_another_district' },
    ]);
    expect(await methodOf(`someone@${kept}`)).toBe('provider');
  });

  it('an administrator removes a domain kept while sign-in is off: it is released, and the People log says so', async () => {
    const kept = `removed-${unique()}.test`;
    const first = await districtClaiming(kept);
    expect((await verify(first.admin, kept)).status).toBe(200);
    expect((await write(first.admin, 'delete', '/api/district/sign-in')).status).toBe(204);
    // Only an administrator of the district, only a domain it has.
    for (const person of [first.district.principal, first.district.viewer]) {
      const who = await signIn(t.app, person.email, testPassword);
      expect((await write(who, 'delete', `/api/district/sign-in/domains/${kept}`)).status).toBe(403);
    }
    const stranger = await districtClaiming(`stranger-${unique()}.test`);
    const notTheirs = await write(stranger.admin, 'delete', `/api/district/sign-in/domains/${kept}`);
    expect([notTheirs.status, notTheirs.body.code]).toEqual([404, 'not_found']);
    expect(await stateOf(first.admin, kept)).toBe('verified');

    expect((await write(first.admin, 'delete', `/api/district/sign-in/domains/${kept}`)).status).toBe(204);
    expect(((await first.admin.agent.get('/api/district/sign-in')).body as SignInSettings).domains).toEqual([]);
    expect((await logOf(first.admin))[0]).toMatchObject({
      kind: 'sign_in_domain_removed',
      subject: { name: kept },
      note: 'Its people no longer sign in through the provider; added again, it must be verified again.',
    });
    // Released: another district may claim it now.
    const current = (await stranger.admin.agent.get('/api/district/sign-in')).body as SignInSettings;
    const claimed = await write(stranger.admin, 'put', '/api/district/sign-in').send(
      settingsBody({ domains: [kept], version: current.version }),
    );
    expect(claimed.status).toBe(200);
    expect((await verify(stranger.admin, kept)).status).toBe(200);
  });

  /**
   * The daily check's look at the test DNS server for these domains only: any other domain's lookup is refused,
   * as by DNS servers that do not answer, so that the check leaves the other tests' domains as they are.
   */
  const lookingOnlyAt = (...domains: string[]) => {
    const lookup = txtLookupAt([dns.address]);
    return {
      txtLookup: (name: string) =>
        domains.includes(name)
          ? lookup(name)
          : Promise.reject(Object.assign(new Error(`queryTxt EREFUSED ${name}`), { code: 'EREFUSED' })),
    };
  };
  const day = 24 * 60 * 60 * 1000;
  const claimOf = async (who: SignedInAgent, domain: string) =>
    ((await who.agent.get('/api/district/sign-in')).body as SignInSettings).domains.find((d) => d.domain === domain);

  it('the daily check releases a verified domain whose TXT record is missing at checks spanning 7 days, and the People log says so; meanwhile the page says since when and when it will be released', async () => {
    const [gone, kept] = [`gone-${unique()}.test`, `kept-${unique()}.test`];
    const owner = await districtClaiming(gone, kept);
    expect((await verify(owner.admin, gone)).status).toBe(200);
    expect((await verify(owner.admin, kept)).status).toBe(200);
    // A day later, the record of one is gone (another record stays there).
    txtRecords.set(gone, [['v=spf1 -all']]);
    const first = new Date(Date.now() + day);
    const checking = lookingOnlyAt(gone, kept);
    const scope = { districtId: owner.district.id };
    expect(await recheckSignInDomains(t.db, checking, first, scope)).toMatchObject({
      found: 1,
      missing: 1,
      released: 0,
    });
    const missing = {
      domain: gone,
      state: 'verified',
      recordMissingSince: first.toISOString(),
      releaseAt: new Date(first.getTime() + 7 * day).toISOString(),
    };
    expect(await claimOf(owner.admin, gone)).toMatchObject(missing);
    expect(await claimOf(owner.admin, kept)).toMatchObject({
      state: 'verified',
      recordMissingSince: null,
      releaseAt: null,
    });
    expect(await methodOf(`someone@${gone}`)).toBe('provider');

    // Missing day after day, it is missing since the first of those checks; a minute short of 7 days, still held.
    await recheckSignInDomains(t.db, checking, new Date(first.getTime() + day), scope);
    await recheckSignInDomains(t.db, checking, new Date(first.getTime() + 7 * day - 60_000), scope);
    expect(await claimOf(owner.admin, gone)).toMatchObject(missing);
    expect(await methodOf(`someone@${gone}`)).toBe('provider');

    // Missing at a check 7 days after the first: released. It waits for verification again, with the same record.
    expect(await recheckSignInDomains(t.db, checking, new Date(first.getTime() + 7 * day), scope)).toMatchObject({
      released: 1,
    });
    const released = await claimOf(owner.admin, gone);
    expect(released).toMatchObject({ state: 'waiting', recordMissingSince: null, releaseAt: null });
    expect(await methodOf(`someone@${gone}`)).toBe('password');
    expect(await claimOf(owner.admin, kept)).toMatchObject({ state: 'verified', recordMissingSince: null });
    expect(await methodOf(`someone@${kept}`)).toBe('provider');
    const [line] = await logOf(owner.admin);
    expect(line).toMatchObject({
      kind: 'sign_in_domain_released',
      actor: null,
      subject: { name: gone },
      note: `Its TXT record ${released?.record.value} was not found at the daily checks over 7 days: it waits for verification again. Until then its people sign in with a password; those who have none (who joined through the provider) set one through “Forgot your password?” or a reset link an administrator makes.`,
    });
  });

  it('at the daily check, DNS servers that do not answer say nothing of the record: nothing is noted; and Verify finds a record put back at once', async () => {
    const claimed = `recheck-${unique()}.test`;
    const owner = await districtClaiming(claimed);
    const scope = { districtId: owner.district.id };
    expect((await verify(owner.admin, claimed)).status).toBe(200);
    const { value } = await recordOf(owner.admin, claimed);
    txtRecords.set(claimed, []);
    const first = new Date(Date.now() + day);
    await recheckSignInDomains(t.db, lookingOnlyAt(claimed), first, scope);
    expect(await claimOf(owner.admin, claimed)).toMatchObject({ recordMissingSince: first.toISOString() });
    // 7 days on, the DNS servers refuse: the domain is not released, and its record is missing since as before.
    const silent = await recheckSignInDomains(t.db, lookingOnlyAt(), new Date(first.getTime() + 8 * day), scope);
    expect(silent.unanswered).toBe(1);
    expect(silent.released).toBe(0);
    expect(await claimOf(owner.admin, claimed)).toMatchObject({
      state: 'verified',
      recordMissingSince: first.toISOString(),
    });
    // Verify looks at once: still missing, it says so; put back, the domain is no longer missing.
    const notYet = await write(owner.admin, 'post', verificationUrl(claimed));
    expect([notYet.status, notYet.body.detail]).toEqual([
      409,
      expect.stringContaining(`No TXT record was found at ${claimed}.`),
    ]);
    txtRecords.set(claimed, [[value]]);
    const back = await write(owner.admin, 'post', verificationUrl(claimed));
    expect(back.status).toBe(200);
    expect((back.body as SignInSettings).domains).toEqual([
      {
        domain: claimed,
        state: 'verified',
        record: { name: claimed, value },
        recordMissingSince: null,
        releaseAt: null,
        recordFound: true,
      },
    ]);
    // The next check finds it, and nothing is released.
    expect(
      await recheckSignInDomains(t.db, lookingOnlyAt(claimed), new Date(first.getTime() + 9 * day), scope),
    ).toEqual({ found: 1, missing: 0, released: 0, unanswered: 0 });
    expect(await claimOf(owner.admin, claimed)).toMatchObject({ state: 'verified', recordMissingSince: null });
  });

  /** A district with a domain as migration 031 left one claimed under the old rule: verified, no record ever found. */
  const upgradedDomain = async () => {
    const claimed = `upgraded-${unique()}.test`;
    const owner = await districtClaiming(`other-${unique()}.test`);
    await t.db('district_sign_in_domains').insert({
      district_id: owner.district.id,
      domain: claimed,
      verification_token: '0123456789abcdef0123456789abcdef',
      verified_at: new Date(),
    });
    txtRecords.set(claimed, []);
    return { claimed, owner, scope: { districtId: owner.district.id } };
  };

  it('a domain kept as verified on the upgrade, whose record was never found, is released 30 days after the first daily check that looked for it, its administrators told', async () => {
    const { claimed, owner, scope } = await upgradedDomain();
    const first = new Date(Date.now() + day);
    for (const days of [0, 1, 8, 29]) {
      expect(
        await recheckSignInDomains(t.db, lookingOnlyAt(claimed), new Date(first.getTime() + days * day), scope),
      ).toMatchObject({ released: 0 });
    }
    const releaseAt = new Date(first.getTime() + 30 * day);
    expect(await claimOf(owner.admin, claimed)).toMatchObject({
      state: 'verified',
      recordMissingSince: first.toISOString(),
      releaseAt: releaseAt.toISOString(),
      recordFound: false,
    });
    expect(await methodOf(`someone@${claimed}`)).toBe('provider');
    // Its administrators were told at the first check to add the record, and again with about a day left.
    const told = ((await owner.admin.agent.get('/api/notifications')).body as NotificationList).notifications
      .filter((n) => n.kind === 'sign_in_domain_missing')
      .map((n) => n.title);
    expect(told).toEqual([
      expect.stringMatching(
        new RegExp(`^${claimed.replace(/\./g, '\\.')} will be released on .*: its TXT record was never added$`),
      ),
      expect.stringMatching(
        new RegExp(`^Add a TXT record to ${claimed.replace(/\./g, '\\.')} by .*, or the domain will be released$`),
      ),
    ]);
    // 30 days after the first check, still without its record: released, and the People log says why.
    expect(await recheckSignInDomains(t.db, lookingOnlyAt(claimed), releaseAt, scope)).toMatchObject({ released: 1 });
    expect(await claimOf(owner.admin, claimed)).toMatchObject({ state: 'waiting', recordMissingSince: null });
    expect(await methodOf(`someone@${claimed}`)).toBe('password');
    const [line] = await logOf(owner.admin);
    expect(line).toMatchObject({ kind: 'sign_in_domain_released', subject: { name: claimed } });
    expect(line!.note).toMatch(
      /^Its TXT record planner-domain-verification=\w+ was never added at the daily checks over 30 days: it waits for verification again\./,
    );
  });

  it('a domain kept as verified on the upgrade is asked for its record, and once it is found, it is watched as any other', async () => {
    const { claimed, owner, scope } = await upgradedDomain();
    const first = new Date(Date.now() + day);
    await recheckSignInDomains(t.db, lookingOnlyAt(claimed), first, scope);
    // Its administrators are asked to add its record (the page shows it with the button), and the button looks.
    const { value } = await recordOf(owner.admin, claimed);
    const notYet = await write(owner.admin, 'post', verificationUrl(claimed));
    expect(notYet.status).toBe(409);
    expect(notYet.body.detail).toContain(`Add the TXT record ${value} there`);
    // Its record added, the button (or a check) finds it; removed again, it is missing since the next check.
    txtRecords.set(claimed, [[value]]);
    const found = await write(owner.admin, 'post', verificationUrl(claimed));
    expect(found.status).toBe(200);
    expect(await claimOf(owner.admin, claimed)).toMatchObject({ state: 'verified', recordFound: true });
    await recheckSignInDomains(t.db, lookingOnlyAt(claimed), new Date(first.getTime() + 9 * day), scope);
    txtRecords.set(claimed, []);
    const missing = new Date(first.getTime() + 10 * day);
    await recheckSignInDomains(t.db, lookingOnlyAt(claimed), missing, scope);
    expect(await claimOf(owner.admin, claimed)).toMatchObject({
      state: 'verified',
      recordMissingSince: missing.toISOString(),
      releaseAt: new Date(missing.getTime() + 7 * day).toISOString(),
    });
  });

  it('a domain whose lookups keep failing does not keep the other domains from their daily check: it goes behind them, and is not counted missing', async () => {
    const [failing, answered] = [`failing-${unique()}.test`, `answered-${unique()}.test`];
    const owner = await districtClaiming(failing, answered);
    const scope = { districtId: owner.district.id };
    // Verified first, the failing one is the longer unchecked of the two.
    expect((await verify(owner.admin, failing)).status).toBe(200);
    expect((await verify(owner.admin, answered)).status).toBe(200);
    const first = new Date(Date.now() + day);
    // A run with room for one domain at a time, each hour: the failing one is tried, then the other is looked at.
    const checking = lookingOnlyAt(answered);
    expect(await recheckSignInDomains(t.db, checking, first, { ...scope, limit: 1 })).toEqual({
      found: 0,
      missing: 0,
      released: 0,
      unanswered: 1,
    });
    expect(
      await recheckSignInDomains(t.db, checking, new Date(first.getTime() + 60 * 60_000), { ...scope, limit: 1 }),
    ).toEqual({ found: 1, missing: 0, released: 0, unanswered: 0 });
    // The next hour, the failing one is tried again (its record still unknown): still verified, not missing.
    expect(
      await recheckSignInDomains(t.db, checking, new Date(first.getTime() + 2 * 60 * 60_000), { ...scope, limit: 1 }),
    ).toMatchObject({ unanswered: 1 });
    expect(await claimOf(owner.admin, failing)).toMatchObject({ state: 'verified', recordMissingSince: null });
  });

  it('tells the district’s administrators, in the planner and by email, when a verified domain’s record is first found missing and again when about a day is left before its release', async () => {
    const gone = `warned-${unique()}.test`;
    const owner = await districtClaiming(gone);
    const scope = { districtId: owner.district.id };
    const checking = lookingOnlyAt(gone);
    expect((await verify(owner.admin, gone)).status).toBe(200);
    const { value } = await recordOf(owner.admin, gone);
    txtRecords.set(gone, [['v=spf1 -all']]);
    const first = new Date(Date.now() + day);
    const told = async (who: SignedInAgent) =>
      ((await who.agent.get('/api/notifications')).body as NotificationList).notifications.filter(
        (n) => n.kind === 'sign_in_domain_missing',
      );
    expect(await told(owner.admin)).toEqual([]);

    await recheckSignInDomains(t.db, checking, first, scope);
    const releaseDate = formatDateTimeIn(
      new Date(first.getTime() + 7 * day),
      await timeZoneOf(t.db, owner.district.id),
    );
    const [missing, ...more] = await told(owner.admin);
    expect(more).toEqual([]);
    expect(missing).toMatchObject({
      title: `The TXT record of ${gone} is missing: the domain will be released on ${releaseDate}`,
      link: '/district-sign-in',
      read: false,
    });
    expect(missing!.body).toContain(`TXT record ${value} at ${gone}`);
    expect(missing!.body).toContain('“Look for the record again”');
    expect(missing!.body).toContain('“Forgot your password?”');
    // By email at once, as other notifications are sent.
    // Only this district's: other test files share the database and send theirs to their own mail servers.
    await sendWaitingEmails(t.db, mail.mailer, publicUrl, [owner.district.id]);
    const letter = await mail.messageTo(owner.district.admin.email, (m) => (m.text ?? '').includes(gone));
    expect(letter.text).toContain(`released on ${releaseDate}`);
    expect(letter.text).toContain('Look for the record again');
    expect(letter.text).toContain(`${publicUrl}/district-sign-in`);
    // Other people of the district are not told.
    const principal = await signIn(t.app, owner.district.principal.email, testPassword);
    expect(await told(principal)).toEqual([]);

    // The checks of the next days tell nothing new...
    for (const days of [1, 2, 3, 4, 5]) {
      await recheckSignInDomains(t.db, checking, new Date(first.getTime() + days * day), scope);
    }
    expect(await told(owner.admin)).toHaveLength(1);
    // ...until about a day is left; the check after it (hours before the release) tells nothing more.
    await recheckSignInDomains(t.db, checking, new Date(first.getTime() + 6 * day), scope);
    await recheckSignInDomains(t.db, checking, new Date(first.getTime() + 7 * day - 60 * 60_000), scope);
    const [lastDay, ...earlier] = await told(owner.admin);
    expect(earlier).toHaveLength(1);
    expect(lastDay).toMatchObject({
      title: `${gone} will be released on ${releaseDate}: its TXT record is still missing`,
      link: '/district-sign-in',
    });
    expect(lastDay!.body).toContain('“Look for the record again”');
  });

  it('someone who joined through the provider, with no password, can set one through “Forgot your password?” once their domain no longer sends them to the provider (released, or sign-in through it turned off), and not before', async () => {
    const released = `released-${unique()}.test`;
    const owner = await districtClaiming(released);
    const scope = { districtId: owner.district.id };
    expect((await verify(owner.admin, released)).status).toBe(200);
    const noPassword = async (districtId: string, email: string) =>
      t
        .db('users')
        .insert({ district_id: districtId, email, name: 'Pat Provider', role: 'viewer', password_hash: null });
    const pat = `pat@${released}`;
    await noPassword(owner.district.id, pat);
    const resetLinkOf = async (email: string) => {
      const message = await mail.messageTo(email);
      return /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(message.text ?? '')![1]!;
    };
    const newPassword = 'a long new phrase for pat';

    // While the domain sends Pat to the provider, no reset link.
    expect((await request(t.app).post('/api/auth/password-reset').send({ email: pat })).status).toBe(202);

    // Released after its record is missing for 7 days: Pat asks, gets the link, sets a password and signs in.
    txtRecords.set(released, []);
    const first = new Date(Date.now() + day);
    await recheckSignInDomains(t.db, lookingOnlyAt(released), first, scope);
    expect(
      await recheckSignInDomains(t.db, lookingOnlyAt(released), new Date(first.getTime() + 7 * day), scope),
    ).toMatchObject({ released: 1 });
    expect(await methodOf(pat)).toBe('password');
    expect((await request(t.app).post('/api/auth/password-reset').send({ email: pat })).status).toBe(202);
    const token = await resetLinkOf(pat);
    expect(mail.received.filter((m) => JSON.stringify(m.to).includes(pat))).toHaveLength(1);
    const reset = await request(t.app).post(`/api/auth/password-reset/${token}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
    expect((await signIn(t.app, pat, newPassword)).csrf).toBeTruthy();

    // Sign-in through the provider turned off: the same.
    const turnedOff = `off-${unique()}.test`;
    const second = await districtClaiming(turnedOff);
    expect((await verify(second.admin, turnedOff)).status).toBe(200);
    const lee = `lee@${turnedOff}`;
    await noPassword(second.district.id, lee);
    expect((await write(second.admin, 'delete', '/api/district/sign-in')).status).toBe(204);
    expect(await methodOf(lee)).toBe('password');
    expect((await request(t.app).post('/api/auth/password-reset').send({ email: lee })).status).toBe(202);
    const leeToken = await resetLinkOf(lee);
    expect(
      (await request(t.app).post(`/api/auth/password-reset/${leeToken}`).send({ password: newPassword })).status,
    ).toBe(200);
    expect((await signIn(t.app, lee, newPassword)).csrf).toBeTruthy();
  });

  it('verifies only a domain of the caller’s own district, and only for an administrator', async () => {
    const claimed = `own-${unique()}.test`;
    const owner = await districtClaiming(claimed);
    const { value } = await recordOf(owner.admin, claimed);
    txtRecords.set(claimed, [[value]]);
    // Another district, with its provider set up or not, has no such domain: 404, and nothing changes.
    const stranger = await districtClaiming(`stranger-${unique()}.test`);
    const unset = await signIn(t.app, other.admin.email, testPassword);
    for (const who of [stranger.admin, unset]) {
      const res = await write(who, 'post', verificationUrl(claimed));
      expect([res.status, res.body.code]).toEqual([404, 'not_found']);
    }
    expect(await stateOf(owner.admin, claimed)).toBe('waiting');
    // Not a domain at all: 400 naming it.
    const bad = await write(owner.admin, 'post', verificationUrl('not_a_domain'));
    expect([bad.status, bad.body.errors]).toEqual([400, [expect.objectContaining({ field: 'domain' })]]);
    // A principal or a viewer of the district: 403.
    for (const person of [owner.district.principal, owner.district.viewer]) {
      const who = await signIn(t.app, person.email, testPassword);
      expect((await write(who, 'post', verificationUrl(claimed))).status).toBe(403);
    }
    expect(await stateOf(owner.admin, claimed)).toBe('waiting');
  });
});
