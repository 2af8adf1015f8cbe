import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { match } from 'path-to-regexp';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { Config } from './config';
import { inDistrict } from './db/district-scope';
import { isEmbedded, type Db, type Executor } from './db/knex';
import { CheckFailed } from './db/scoped-pg-client';
import { DatabaseAvailability } from './db/availability';
import { AppError, databaseUnavailable, planArchived } from './http/app-error';
import { checkAccess, sessionCookieName, type SignedInUser } from './http/auth';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { jsonBody, jsonTypes } from './http/json-body';
import { changesPlanContent, type RouteDefinition } from './http/routes';
import { KnexSessionStore } from './http/session-store';
import { createMailer, type Mailer } from './mail/mailer';
import { PdfRenderPool } from './features/exports/pdf/render-pool';
import { validateRequest } from './http/validate';
import { PlanDocumentKeeper } from './commands/plan-document';
import { PlanListCache } from './features/plans/list-cache';
import { commandRoutes } from './commands/routes';
import { sharedPlanRoutes } from './commands/shared-plan';
import { alignmentRoutes } from './features/alignment/routes';
import { attentionRoutes } from './features/attention/routes';
import { authRoutes } from './features/auth/routes';
import { defaultLoginLimits, LoginLimiter, type LoginLimits } from './features/auth/login-limiter';
import { defaultOpenLimits, OpenLimiter, type OpenLimits } from './features/share-links/open-limiter';
import { loadSignedInUser, sessionPerson } from './features/auth/service';
import { budgetRoutes } from './features/budget/routes';
import { commentRoutes } from './features/comments/routes';
import { dashboardRoutes } from './features/dashboard/routes';
import { districtSettingsRoutes } from './features/district-settings/routes';
import { buildOpenApiDocument } from './features/docs/openapi';
import { healthRoutes } from './features/health/routes';
import { historyRoutes } from './features/history/routes';
import { invitationRoutes } from './features/invitations/routes';
import { logicModelRoutes } from './features/logic-model/routes';
import { measureRoutes } from './features/measures/routes';
import { misstepRoutes } from './features/missteps/routes';
import { notificationRoutes } from './features/notifications/routes';
import { peopleRoutes } from './features/people/routes';
import { planRoutes } from './features/plans/routes';
import { planIsArchived } from './features/plans/service';
import { readinessRoutes } from './features/readiness/routes';
import { reviewRoutes } from './features/reviews/routes';
import { roleRoutes } from './features/roles/routes';
import { schoolRoutes } from './features/schools/routes';
import { shareLinkRoutes } from './features/share-links/routes';
import { txtLookupAt } from './features/single-sign-on/domain-records';
import { singleSignOnRoutes } from './features/single-sign-on/routes';
import { stageTableRoutes } from './features/stage-tables/routes';
import { stakeholderInputRoutes, stakeholderRoutes } from './features/stakeholder-inputs/routes';

export interface AppOptions {
  db: Db;
  config: Config;
  logger: Logger;
  /** Folder of the built client to serve; omitted in API-only tests. */
  clientDist?: string;
  loginLimits?: LoginLimits;
  /** How often one address may open share links; by default `defaultOpenLimits`. */
  openLimits?: OpenLimits;
  /** Sends the planner's mail; by default from SMTP_URL, or none. */
  mailer?: Mailer;
  /** Resolves the names of districts' sign-in providers; by default the system's resolver (the tests ask their own DNS server). */
  providerLookup?: LookupFunction;
  /** Renders PDFs in worker threads; by default sized by PDF_THREADS and PDF_QUEUE. Close it on shutdown. */
  pdfPool?: PdfRenderPool;
  /**
   * Settles once the database is migrated: the server listens (and serves the client) at once, and API
   * requests wait for it.
   */
  databaseReady?: Promise<unknown>;
  /**
   * Called with every answer a route gives (status and body as sent); the tests use it to hold every
   * route to its declared statuses and response schemas.
   */
  onAnswer?: (route: RouteDefinition, status: number, body: string | undefined) => void;
  /** Whether the database answers; by default one of the app's own (main.ts shares it with the job queue). */
  availability?: DatabaseAvailability;
}

const sessionMaxAgeMs = 8 * 60 * 60 * 1000;

/** Every route of the app, in one table: Express, the OpenAPI document and the access tests all read it. */
export function routeTable(options: Pick<AppOptions, 'db' | 'loginLimits' | 'openLimits'>): RouteDefinition[] {
  const limiter = new LoginLimiter(options.db, options.loginLimits ?? defaultLoginLimits);
  return [
    ...healthRoutes,
    ...authRoutes(limiter),
    ...schoolRoutes,
    ...peopleRoutes,
    ...invitationRoutes,
    ...singleSignOnRoutes,
    ...districtSettingsRoutes,
    ...commandRoutes,
    ...planRoutes,
    ...stageTableRoutes,
    ...stakeholderRoutes,
    ...measureRoutes,
    ...roleRoutes,
    ...misstepRoutes,
    ...alignmentRoutes,
    ...reviewRoutes,
    ...budgetRoutes,
    ...logicModelRoutes,
    ...dashboardRoutes,
    ...historyRoutes,
    ...commentRoutes,
    ...notificationRoutes,
    ...attentionRoutes,
    ...shareLinkRoutes,
    ...readinessRoutes,
    ...stakeholderInputRoutes,
    ...sharedPlanRoutes(new OpenLimiter(options.db, options.openLimits ?? defaultOpenLimits)),
  ];
}

/** Holds what a handler sends until `release` (after its transaction commits); `discard` drops it. */
function holdAnswer(res: Response): { release: () => void; discard: () => void } {
  const { send, end } = res;
  let held: (() => void) | undefined;
  res.send = ((body?: unknown) => {
    held = () => send.call(res, body);
    return res;
  }) as Response['send'];
  res.end = ((...args: Parameters<Response['end']>) => {
    held = () => (end as (...a: unknown[]) => Response).apply(res, args);
    return res;
  }) as Response['end'];
  const restore = () => {
    res.send = send;
    res.end = end;
  };
  return {
    release: () => {
      restore();
      const answer = held;
      held = undefined;
      answer?.();
    },
    discard: restore,
  };
}

/**
 * The address as logged: the token of an invitation, password reset or share link is the key to an
 * account or a plan while it works, and whoever reads the log must not be able to use it.
 */
const linkTokenPath =
  /^(\/api\/invitations\/accept|\/api\/auth\/password-reset|\/api\/shared|\/invitations|\/reset-password|\/shared)\/[\w-]{20,}/;
export const withoutLinkTokens = (url: string) => url.replace(linkTokenPath, '$1/[token]');

/** Hands each answer of a route to `report` once it is sent, with the body as written. */
function reportAnswer(res: Response, route: RouteDefinition, report: NonNullable<AppOptions['onAnswer']>): void {
  let body: string | undefined;
  const send = res.send.bind(res);
  res.send = (chunk?: unknown) => {
    if (typeof chunk === 'string') body = chunk;
    else if (Buffer.isBuffer(chunk)) body = chunk.toString('utf8');
    return send(chunk);
  };
  res.once('finish', () => report(route, res.statusCode, body));
}

export function createApp(options: AppOptions) {
  const { db, config, logger } = options;
  const routes = routeTable(options);
  const availability = options.availability ?? new DatabaseAvailability(db, logger);
  const deps = {
    config,
    mailer: options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger }),
    providerLookup: options.providerLookup,
    txtLookup: txtLookupAt(config.dnsServers),
    pdfPool: options.pdfPool ?? new PdfRenderPool({ threads: config.pdfThreads, queue: config.pdfQueue }),
    availability,
    planDocuments: new PlanDocumentKeeper(db, logger),
    planLists: new PlanListCache(),
  };
  const app = express();
  app.disable('x-powered-by');
  // API answers are never cached (no-store), so an ETag (a hash of every body) would be work for nothing;
  // the client's files get theirs from express.static.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Health probes every few seconds would drown the log.
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // Never log cookies or bodies: they carry sessions and what districts typed. The serializers take
      // the request and response as they are, not first copied whole (headers and all) by pino's own.
      wrapSerializers: false,
      serializers: {
        req: (req: { id: string; method: string; originalUrl?: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: withoutLinkTokens(req.originalUrl ?? req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      // Only a site served over HTTPS may ask browsers to keep to HTTPS.
      strictTransportSecurity: config.publicUrl.startsWith('https://') ? { maxAge: 31_536_000 } : false,
      contentSecurityPolicy: {
        directives: {
          // Swagger UI on /api/docs sets inline styles on its elements.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': config.nodeEnv === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(
    compression({
      // Sign-in answers carry the CSRF token next to what a visitor typed: never compressed, so their
      // length tells nothing of the token (BREACH). Everything else is public code or the district's data.
      filter: (req, res) => !req.path.startsWith('/api/auth/') && compression.filter(req, res),
    }),
  );
  const { databaseReady } = options;
  if (databaseReady) app.use('/api', (_req, _res, next) => void databaseReady.then(() => next(), next));
  app.use('/api', (req, res, next) => {
    // What the API answers is the district's own (and /api/auth/me carries the CSRF token): never cached.
    res.set('Cache-Control', 'no-store');
    // While the database is known to be down, answer at once rather than wait on a connection that fails.
    if (availability.isDown && req.path !== '/health') {
      next(databaseUnavailable());
      return;
    }
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is(jsonTypes)) {
      next(new AppError('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.'));
      return;
    }
    next();
  });
  app.use('/api', jsonBody());
  // A public route (sign-in, the session check, a shared link) reads its session from the database; a
  // signed-in route may be given its session from this process's memory, checked as its transaction
  // begins (KnexSessionStore): one round trip fewer for every signed-in request.
  const publicRoutes = routes
    .filter((route) => route.access === 'public')
    // Undecoded: only whether a path matches counts; one that does not decode is the router's to refuse (400).
    .map((route) => ({ method: route.method.toUpperCase(), matches: match(route.path, { decode: false }) }));
  const isPublic = (req: Request) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const url = req.baseUrl + req.path;
    return publicRoutes.some((route) => route.method === method && route.matches(url) !== false);
  };
  const sessionStore = new KnexSessionStore(db, sessionPerson, !isEmbedded(db));
  const sessions = session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Secure whenever people reach the planner over HTTPS (behind a proxy, TRUST_PROXY lets it see so).
      secure: config.publicUrl.startsWith('https://'),
      maxAge: sessionMaxAgeMs,
      path: '/',
    },
  });
  app.use('/api', (req, res, next) => {
    if (isPublic(req)) sessions(req, res, next);
    else sessionStore.withReuse(() => sessions(req, res, next));
  });

  const openApiDocument = buildOpenApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  // Swagger UI's page and its files; any other address under /api/docs goes on to the API's not-found
  // problem. Left to itself the package answers its page at every address, and any address ending in
  // /package.json with a plain-text 404 of its own (it keeps its package.json from being served).
  app.use(
    '/api/docs',
    (req: Request, res: Response, next: NextFunction) =>
      req.path.endsWith('/package.json') ? notFoundHandler(req, res, next) : next(),
    swaggerUi.serve,
  );
  app.get(
    '/api/docs/',
    swaggerUi.setup(undefined, { swaggerUrl: '/api/openapi.json', customSiteTitle: 'Planner API' }),
  );

  /** The person of the request's session: the store reads them with it; a session it did not, loads them. */
  const personOf = async (req: Request): Promise<SignedInUser | undefined> => {
    const read = sessionStore.readWith(req);
    if (read) return read.person ?? undefined;
    const userId = req.session?.userId;
    return userId ? loadSignedInUser(db, userId) : undefined;
  };
  /**
   * The person once the session is read again from the database (a session from memory was refused or
   * failed its check), held to the route's access again.
   */
  const freshPerson = async (req: Request, route: RouteDefinition): Promise<SignedInUser> => {
    const fresh = (await sessionStore.reloadFresh(req)) ? await personOf(req) : undefined;
    checkAccess(req, fresh, route.access);
    return fresh!;
  };

  /**
   * The database refuses a change to an archived plan's content at the rows the change reaches (migration
   * 023), and one based on a stale version reaches none: the person is told the plan is archived, not that
   * someone changed the item.
   */
  const archivedOverStale = async (
    trx: Executor,
    route: RouteDefinition,
    districtId: string,
    planId: unknown,
    err: unknown,
  ): Promise<unknown> => {
    const stale = err instanceof AppError && err.code === 'version_conflict';
    if (!stale || typeof planId !== 'string' || !changesPlanContent(route)) return err;
    return (await planIsArchived(trx, districtId, planId)) ? planArchived() : err;
  };

  for (const route of routes) {
    app[route.method](route.path, async (req: Request, res: Response) => {
      if (options.onAnswer) reportAnswer(res, route, options.onAnswer);
      let user = await personOf(req);
      // Set when the session came from this process's memory: its fingerprint, checked as the work begins.
      let check = sessionStore.readWith(req)?.check;
      try {
        checkAccess(req, user, route.access);
      } catch (err) {
        // A refusal on a session from memory stands only once the session is read again.
        if (!check) throw err;
        user = await freshPerson(req, route);
        check = undefined;
      }
      const input = validateRequest(route.request ?? {}, { params: req.params, query: req.query, body: req.body });
      if (route.access === 'public' || !user) {
        // Sign-in and the links sent by mail find a person or a token before any district is known.
        await route.handler({ req, res, input, user: user as SignedInUser, db, deps });
        return;
      }
      if (route.ownTransaction) {
        // It acts before its own transaction begins: for the person as the database has them now.
        if (check !== undefined) user = await freshPerson(req, route);
        await route.handler({ req, res, input, user, db, deps });
        return;
      }
      // Everything a signed-in person does runs bound to their district by row-level security. A read
      // sees one snapshot; a write's answer waits for its commit, so no 2xx reports a change then lost.
      const readOnly = route.method === 'get';
      // A session from memory is confirmed as the work begins (db/scoped-pg-client.ts): a read's answer waits
      // until it has held, with the read's first query; a write's waits for its commit.
      const answer = readOnly && check === undefined ? undefined : holdAnswer(res);
      const onHeld = readOnly ? answer?.release : undefined;
      const run = (person: SignedInUser, sessionCheck: string | undefined) =>
        inDistrict(
          db,
          person.districtId,
          async (trx) => {
            try {
              await route.handler({ req, res, input, user: person, db: trx, deps });
            } catch (err) {
              throw await archivedOverStale(trx, route, person.districtId, req.params.planId, err);
            }
          },
          {
            readOnly,
            oneSnapshot: route.oneSnapshot,
            statementsApart: route.statementsApart,
            checkWithFirstStatement: route.checkWithFirstStatement,
            check:
              sessionCheck === undefined ? undefined : { ...sessionStore.checkOf(req.sessionID, sessionCheck), onHeld },
          },
        );
      // Only a session from memory can fail its check (below).
      const headersBefore = check === undefined ? undefined : new Set(res.getHeaderNames());
      try {
        try {
          await run(user, check);
        } catch (err) {
          if (!(err instanceof CheckFailed)) throw err;
          // The session or its person changed since this process kept them: nothing that ran was kept or sent,
          // and the status and headers the work set go too.
          res.statusCode = 200;
          for (const name of res.getHeaderNames()) if (!headersBefore?.has(name)) res.removeHeader(name);
          await run(await freshPerson(req, route), undefined);
        }
      } catch (err) {
        answer?.discard();
        throw err;
      }
      answer?.release();
    });
  }
  app.use('/api', notFoundHandler);

  if (options.clientDist && existsSync(path.join(options.clientDist, 'index.html'))) {
    const clientDist = options.clientDist;
    // Vite names each file under /assets by a hash of its content: a new build is new names, so a browser
    // may keep them for good. Other files (favicon and the like) keep their names across builds.
    app.use(
      express.static(clientDist, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, filePath) => {
          if (path.relative(clientDist, filePath).startsWith(`assets${path.sep}`)) {
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          }
        },
      }),
    );
    // Client-side routes: every other GET gets the app, which shows its own not-found page.
    app.get(/.*/, (req, res) => {
      res.set('Cache-Control', 'no-cache');
      // A page whose address holds a token (a shared plan, an invitation, a password reset) is never indexed,
      // should its address reach a crawler that runs the app's script.
      if (linkTokenPath.test(req.path)) res.set('X-Robots-Tag', 'noindex, nofollow');
      res.sendFile(path.join(clientDist, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  // A query that found the database out of reach: 503 with Retry-After, logged once per outage.
  app.use((err: unknown, _req: Request, _res: Response, next: (err: unknown) => void) => {
    next(availability.noteError(err) ? databaseUnavailable() : err);
  });
  app.use(errorHandler);
  return { app, routes, availability, pdfPool: deps.pdfPool, planDocuments: deps.planDocuments };
}
