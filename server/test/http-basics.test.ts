import request from 'supertest';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/knex';
import { openScratchDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('when the database answers, then it is 200 ok', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('when the database is unreachable, then it is 503', async () => {
    const unreachable = openDatabase({
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      logger: pino({ level: 'silent' }),
    });
    const { app, availability } = createApp({
      db: unreachable,
      config: loadConfig({ NODE_ENV: 'test' }),
      logger: pino({ level: 'silent' }),
    });
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'down' });
    expect(res.headers['retry-after']).toBe('5');
    availability.stop();
    await unreachable.destroy();
  });
});

describe('every answer', () => {
  it('carries security headers and a request id', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when an API address does not exist, then it answers 404 problem+json', async () => {
    const res = await request(t.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', instance: '/api/nothing-here' });
  });

  it('when something unexpected fails, then it answers a generic 500 with the request id and no stack trace', async () => {
    // A database without the planner's tables: every query fails in a way no route expects.
    const broken = await openScratchDatabase({ migrate: false });
    const { app } = createApp({
      db: broken.db,
      config: loadConfig({ NODE_ENV: 'test' }),
      logger: pino({ level: 'silent' }),
    });
    const res = await request(app).post('/api/auth/login').send({ email: 'a@b.test', password: 'x' });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'internal', status: 500 });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.text).not.toMatch(/relation|at .*\.(js|ts):\d+|stack/);
    await broken.drop();
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document listing every route with the roles that may call it', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of t.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[path]?.[route.method]).toBeDefined();
    }
    expect(res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/LoginRequest',
    });
    expect(res.body.components.schemas.LoginRequest.required).toEqual(['email', 'password']);
    expect(res.body.paths['/api/schools/{schoolId}'].get.parameters[0]).toMatchObject({
      name: 'schoolId',
      in: 'path',
      required: true,
    });
  });

  it('lists every answer a route can give: 400 where it takes input, 401 and 403 where it needs a role, 404 for an id', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const route of t.routes) {
      const statuses = Object.keys(doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method]!.responses);
      const label = `${route.method.toUpperCase()} ${route.path}`;
      if (route.request) expect([label, statuses]).toEqual([label, expect.arrayContaining(['400'])]);
      if (route.access !== 'public') expect([label, statuses]).toEqual([label, expect.arrayContaining(['401'])]);
      if (route.access !== 'public' && route.method !== 'get') {
        expect([label, statuses]).toEqual([label, expect.arrayContaining(['403'])]);
      }
      if (route.path.includes(':')) expect([label, statuses]).toEqual([label, expect.arrayContaining(['404'])]);
    }
  });

  it('serves a docs page without signing in', async () => {
    const res = await request(t.app).get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger-ui/i);
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-init.js']) {
      expect([file, (await request(t.app).get(`/api/docs/${file}`)).status]).toEqual([file, 200]);
    }
    const bare = await request(t.app).get('/api/docs');
    expect([bare.status, bare.headers.location]).toEqual([301, '/api/docs/']);
  });

  it('when an address under the docs is not one of its files, then it answers 404 problem+json', async () => {
    for (const path of [
      '/api/docs/no-such-file.js',
      '/api/docs/%2e%2e/x',
      '/api/docs/package.json',
      '/api/docs/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await request(t.app).get(path);
      expect([path, res.status, res.type]).toEqual([path, 404, 'application/problem+json']);
      expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
    }
  });
});
