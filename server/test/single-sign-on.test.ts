import request from 'supertest';
import type { SignInSettings } from '@planner/shared/auth';
import type { InvitationWithLink } from '@planner/shared/invitation';
import { loadConfig } from '../src/config';
import { fetchThrough, internetOnlyAgent, NotOnTheInternet } from '../src/features/single-sign-on/internet-only';
import { startDnsServer } from './support/dns-server';
import { startMailServer, type TestMailServer } from './support/mail-server';
import { startTestProvider, type TestProvider } from './support/oidc-provider';
import { signIn, startTestApp, write, type SignedInAgent, type TestApp } from './support/test-app';
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
 */
const publicUrl = 'http://planner.test';
let provider: TestProvider;
let mail: TestMailServer;
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
      newcomer: { email: `newcomer@${domain}`, verified: true },
      stranger: { email: `stranger@${domain}`, verified: true },
      elsewhere: { email: `someone@elsewhere-${unique()}.test`, verified: true },
      gone: { email: `gone@${domain}`, verified: true },
      invitee: { email: `invitee@${domain}`, verified: true },
    },
  });
  mail = await startMailServer();
  t = await startTestApp({ config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl }), mailer: mail.mailer });
  [district, other] = [await buildDistrict(t.db), await buildDistrict(t.db)];
  admin = await signIn(t.app, district.admin.email, testPassword);
  await buildUser(t.db, district.id, 'principal', { email: staff, name: 'Dana Staff' });
});
afterAll(async () => {
  await t.close();
  await provider.close();
  await mail.close();
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
      domains: [domain],
      redirectUrl: `${publicUrl}/api/auth/provider/callback`,
      version: 1,
    });
    expect(JSON.stringify(settings)).not.toContain(provider.clientSecret);
    const stored = await t.db('district_sign_in').where({ district_id: district.id }).first();
    expect(stored.client_secret_encrypted).not.toContain(provider.clientSecret);

    // Another district cannot take the same domain, nor read these settings.
    const otherAdmin = await signIn(t.app, other.admin.email, testPassword);
    const taken = await write(otherAdmin, 'put', '/api/district/sign-in').send(settingsBody());
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0]).toMatchObject({ field: 'domains' });
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
    const dns = await startDnsServer(() => {
      answered.push(answered.length === 0 ? onTheInternet : '127.0.0.1');
      return answered.at(-1)!;
    });
    const production = await startTestApp({ config: productionConfig(), providerLookup: dns.lookup });
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
      await dns.close();
    }
  });

  it('in production, each connection to a provider is checked where it goes, whatever was checked before it', async () => {
    const dns = await startDnsServer(() => '127.0.0.1');
    const guarded = fetchThrough(internetOnlyAgent(dns.lookup));
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
      await dns.close();
    }
  });

  it('a person of the district signs in at the provider and lands signed in', async () => {
    const { browser, landed } = await throughProvider('dana');
    expect(landed.status).toBe(302);
    expect(landed.headers.location).toBe('/');
    const me = await browser.get('/api/auth/me');
    expect(me.body.user).toMatchObject({ email: staff, name: 'Dana Staff' });
  });

  it('an open invitation of the district is accepted on the way in', async () => {
    const invitation = await buildInvitation(t.db, district, { email: `newcomer@${domain}`, role: 'viewer' });
    const { browser, landed } = await throughProvider('newcomer', invitation.email);
    expect(landed.headers.location).toBe('/');
    expect((await browser.get('/api/auth/me')).body.user).toMatchObject({ email: invitation.email, role: 'viewer' });
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
    expect(saved.body).toMatchObject({ domains: [free], passwordsAllowed: false });
  });
});
