import type { LookupFunction } from 'node:net';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { problemSchema } from '@planner/shared/problem';
import type { UserRole } from '@planner/shared/user-role';
import type { Config } from '../config';
import type { DatabaseAvailability } from '../db/availability';
import type { Db, Executor } from '../db/knex';
import type { Mailer } from '../mail/mailer';
import type { SignedInUser } from './auth';
import type { Parsed, RequestSchemas } from './validate';

export const everyRole: readonly UserRole[] = ['district_admin', 'principal', 'viewer'];

/** District administrators: the only role that changes a plan and what is in it. */
export const admins = ['district_admin'] as const;

/**
 * Who may call a route, declared where the route is defined. `public` needs no sign-in;
 * a list of roles needs a signed-in user with one of them (401 otherwise, then 403).
 */
export type Access = 'public' | readonly UserRole[];

export interface ResponseSpec {
  description: string;
  /** JSON body; omit for 204 or non-JSON answers. */
  schema?: z.ZodType;
  contentType?: string;
}

/** A problem+json answer (RFC 9457), as the API document lists it. */
export const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema });

export const versionConflictProblem = problem(
  'Stale version: someone saved first; `current` holds the item as it is now',
);

/** What a delete at a stale `?version=` answers. */
export const staleDeleteDescription =
  'the item changed since the version you sent (`version_conflict`); `current` holds it as it is now, and nothing was removed';
export const staleDeleteProblem = problem(`Stale version: ${staleDeleteDescription}`);

export interface RouteContext<S extends RequestSchemas, A extends Access> {
  req: Request;
  res: Response;
  input: Parsed<S>;
  user: A extends 'public' ? SignedInUser | undefined : SignedInUser;
  db: Db;
  /** What some routes need beyond the database: the configuration (public address, keys), the mailer and the PDF workers. */
  deps: RouteDeps;
}

/** What services that send mail or make links need. */
export interface ServiceDeps {
  config: Config;
  mailer: Mailer;
  /** Resolves the names of districts' sign-in providers, as net.connect's `lookup`; by default the system's. */
  providerLookup?: LookupFunction;
  /** Reads the TXT records at a name (a district's email domain, to verify it), each as its strings. */
  txtLookup: (name: string) => Promise<string[][]>;
}

/**
 * Renders a document off the request loop from the data `load` reads; refuses at once when it is full,
 * and stops when `signal` aborts (the client went away).
 */
export interface PdfRenderer {
  render(load: () => Promise<object>, signal: AbortSignal): Promise<Buffer>;
}

/** A plan's document as a load built it, at the plan's revision it was read at (commands/plan-document.ts). */
export interface BuiltDocument {
  districtId: string;
  planId: string;
  revision: number;
  json: string;
}

export interface RouteDeps extends ServiceDeps {
  availability: DatabaseAvailability;
  /** The worker threads that render PDFs. */
  pdfPool: PdfRenderer;
  /** Where plan loads leave the documents they built, to be kept for the next. */
  planDocuments: { keep: (built: BuiltDocument) => void };
  /** The district's plans list as JSON text, kept by this process while it is fresh (features/plans/list-cache.ts). */
  planLists: { json: (db: Executor, user: SignedInUser) => Promise<string> };
}

export interface RouteDefinition<S extends RequestSchemas = RequestSchemas, A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. `/api/plans/:planId`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  request?: S;
  /**
   * The route's own answers: its success and the problems particular to it. What every route of its
   * kind may answer (400 for bad input, 401, 403, 404 for a path id, 413) is added by `responsesOf`.
   */
  responses: Record<number, ResponseSpec>;
  /** A write whose reads all see one snapshot (`ScopeOptions.oneSnapshot`); a GET always does. */
  oneSnapshot?: boolean;
  /**
   * A GET whose statements need not see one snapshot (`ScopeOptions.statementsApart`): each commits in its
   * own round trip, so that a read of one statement is one round trip. For reads of one statement, or of a
   * kept answer and, when it is stale, one statement that builds it.
   */
  statementsApart?: boolean;
  /**
   * A write that does nothing outside its transaction before its first statement (`ScopeOptions.checkWithFirstStatement`):
   * a session from memory is checked in that statement's round trip. Not for work that acts first (a sign-out
   * ends its session in the store).
   */
  checkWithFirstStatement?: boolean;
  /**
   * The handler is given the pool and opens its district's transaction itself (`inDistrict`), for work
   * kept whatever the request answers: a password try counted before it is checked. In the app's
   * transaction a refusal would roll the count back, and the count, on the pool, would wait for a second
   * connection while the transaction holds one (the embedded database has only one).
   */
  ownTransaction?: boolean;
  /** Sends the response itself (res.json / res.status(204).end()). */
  handler: (ctx: RouteContext<S, A>) => Promise<void> | void;
}

/** Keeps each route's request types tied to its schemas without repeating them. */
export function defineRoute<S extends RequestSchemas, A extends Access>(route: RouteDefinition<S, A>) {
  return route as unknown as RouteDefinition;
}

/**
 * A write under a plan changes its content, which the database refuses while the plan is archived, but for
 * copying the plan and its share links: those leave the plan as it is.
 */
export const changesPlanContent = (route: RouteDefinition) =>
  route.method !== 'get' && /^\/api\/plans\/:planId\/(?!copy$|share-links)/.test(route.path);

/**
 * Every answer a route can give: its own, and those that come with what it takes. The API document
 * lists these, and the tests check that no route answers with a status missing here.
 */
export function responsesOf(route: RouteDefinition): Record<number, ResponseSpec> {
  const implied: Record<number, ResponseSpec> = {};
  const takesInput = Boolean(route.request?.params ?? route.request?.query ?? route.request?.body);
  if (takesInput) implied[400] = problem('A value is missing or invalid; `errors` names each field and why');
  if (route.access !== 'public') {
    implied[401] = problem('Not signed in, or the session has ended');
    const someRolesOnly = route.access.length < 3;
    implied[403] = problem(
      [
        someRolesOnly ? 'Your role does not allow this' : '',
        route.method !== 'get'
          ? 'the CSRF token is missing'
          : 'a CSRF token was sent (none is needed) that is not this session’s',
      ]
        .filter(Boolean)
        .join(', or '),
    );
  }
  if (route.path.includes(':')) implied[404] = problem('Nothing of your district has this id');
  if (changesPlanContent(route)) implied[409] = problem('The plan is archived (`plan_archived`): it is read-only');
  if (route.request?.body) implied[413] = problem('The body is larger than 1 MB');
  // Whatever the route, a body sent must be JSON.
  implied[415] = problem('The body is not JSON in a character set the server reads');
  // Any route that reads the database answers 503 while it is out of reach (health says so in its own words).
  implied[503] = problem('The database is not answering; Retry-After says when to try again');
  const responses = { ...implied, ...route.responses };
  const own = route.responses[409];
  if (own && implied[409]) responses[409] = problem(`${own.description}; or ${implied[409].description}`);
  return responses;
}
