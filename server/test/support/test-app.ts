import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp, type AppOptions } from '../../src/app';
import type { PlanDocumentKeeper } from '../../src/commands/plan-document';
import { loadConfig } from '../../src/config';
import { defaultLoginLimits } from '../../src/features/auth/login-limiter';
import type { Db } from '../../src/db/knex';
import { responsesOf, type RouteDefinition } from '../../src/http/routes';
import { buildDistrict, testPassword, type TestDistrict } from './factories';
import { openTestDatabase } from './test-database';

export interface TestApp {
  app: Express;
  db: Db;
  routes: RouteDefinition[];
  /** Plan loads store the documents they built after answering; `settled()` waits for those stores. */
  planDocuments: PlanDocumentKeeper;
  close: () => Promise<void>;
}

// A high address limit so that one address (every test's) is not blocked by other tests' bad sign-ins.
const generousLimits = { ...defaultLoginLimits, perAddress: 10_000 };

/**
 * Holds every answer of every route in the tests to the route's declaration: its status must be one the
 * API document lists for it, a JSON success must parse with the declared response schema, and a problem
 * must be RFC 9457 problem+json. A breach is reported as a console error, which fails the test.
 */
export function checkAnswer(route: RouteDefinition, status: number, body: string | undefined): void {
  const where = `${route.method.toUpperCase()} ${route.path} answered ${status}`;
  const declared = responsesOf(route)[status];
  if (!declared) {
    console.error(`${where}, a status its declaration does not list. Body: ${(body ?? '').slice(0, 300)}`);
    return;
  }
  if (!declared.schema || body === undefined || (declared.contentType && declared.contentType !== 'application/json')) {
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    console.error(`${where} with a body that is not JSON: ${body.slice(0, 300)}`);
    return;
  }
  const result = declared.schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    console.error(`${where} with a body that does not match its declared schema:\n  ${issues.join('\n  ')}`);
  }
}

export function appOn(db: Db, overrides: Partial<Omit<AppOptions, 'db'>> = {}) {
  return createApp({
    db,
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: pino({ level: 'silent' }),
    loginLimits: generousLimits,
    onAnswer: checkAnswer,
    ...overrides,
  });
}

/** The real app on the test database; call close() in afterAll. */
export async function startTestApp(overrides: Partial<Omit<AppOptions, 'db'>> = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const { app, routes, pdfPool, planDocuments } = appOn(db, overrides);
  return {
    app,
    db,
    routes,
    planDocuments,
    close: () => Promise.all([pdfPool.close(), planDocuments.settled().then(() => db.destroy())]).then(() => undefined),
  };
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

/**
 * A principal's decision on a role (the URL of the role), sent on the version and review round the role
 * is at now, as a person deciding on the page they have open does; `body` may name others.
 */
export async function decide(db: Db, who: SignedInAgent, roleUrl: string, body: Record<string, unknown>) {
  const roleId = roleUrl.slice(roleUrl.lastIndexOf('/') + 1);
  const role = (await db('plan_roles').where({ id: roleId }).first('version', 'round')) as
    { version: number; round: number } | undefined;
  return write(who, 'post', `${roleUrl}/reviews`).send({ version: role?.version, round: role?.round, ...body });
}

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
