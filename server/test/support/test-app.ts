import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Db } from '../../src/db/knex';
import type { RouteDefinition } from '../../src/http/routes';
import { buildDistrict, testPassword, type TestDistrict } from './factories';
import { openTestDatabase } from './test-database';

export interface TestApp {
  app: Express;
  db: Db;
  routes: RouteDefinition[];
  close: () => Promise<void>;
}

// A high address limit so that one address (every test's) is not blocked by other tests' bad sign-ins.
const generousLimits = { perAccount: 5, perAddress: 10_000, windowSeconds: 900 };

export function appOn(db: Db, overrides: Partial<Omit<AppOptions, 'db'>> = {}) {
  return createApp({
    db,
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: pino({ level: 'silent' }),
    loginLimits: generousLimits,
    ...overrides,
  });
}

/** The real app on the test database; call close() in afterAll. */
export async function startTestApp(overrides: Partial<Omit<AppOptions, 'db'>> = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const { app, routes } = appOn(db, overrides);
  return { app, db, routes, close: () => db.destroy() };
}

/** A supertest agent keeps the session cookie; `csrf` is the token to send on writes. */
export interface SignedInAgent {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
}

export async function signIn(app: Express, email: string, password: string): Promise<SignedInAgent> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`Sign-in as ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { agent, csrf: (res.body as { csrfToken: string }).csrfToken };
}

/** A state-changing request with the session's CSRF token. */
export const write = (who: SignedInAgent, method: 'post' | 'put' | 'patch' | 'delete', url: string) =>
  who.agent[method](url).set('X-CSRF-Token', who.csrf);

export interface TwoDistricts {
  lakeview: TestDistrict;
  hillcrest: TestDistrict;
  /** Lakeview's people, signed in. */
  admin: SignedInAgent;
  principal: SignedInAgent;
  viewer: SignedInAgent;
  /** Hillcrest's admin and principal, signed in: they must never reach Lakeview's rows. */
  otherAdmin: SignedInAgent;
  otherPrincipal: SignedInAgent;
}

/** Two districts of their own, with their people signed in: the start of most API tests. */
export async function twoDistrictsSignedIn(t: TestApp): Promise<TwoDistricts> {
  const [lakeview, hillcrest] = await Promise.all([buildDistrict(t.db), buildDistrict(t.db)]);
  const [admin, principal, viewer, otherAdmin, otherPrincipal] = await Promise.all([
    signIn(t.app, lakeview.admin.email, testPassword),
    signIn(t.app, lakeview.principal.email, testPassword),
    signIn(t.app, lakeview.viewer.email, testPassword),
    signIn(t.app, hillcrest.admin.email, testPassword),
    signIn(t.app, hillcrest.principal.email, testPassword),
  ]);
  return { lakeview, hillcrest, admin, principal, viewer, otherAdmin, otherPrincipal };
}
