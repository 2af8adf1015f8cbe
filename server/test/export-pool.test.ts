import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import * as plans from '../src/features/plans/service';
import { PdfRenderPool } from '../src/features/exports/pdf/render-pool';
import { renderThreadNice } from '../src/features/exports/pdf/render-worker';
import { signIn, startTestApp, type SignedInAgent, type TestApp } from './support/test-app';
import { buildDistrict, buildPlan, signedInUserOf, testPassword, type TestDistrict } from './support/factories';

/**
 * PDF exports render on worker threads: these tests run the app with one thread and no queue, so that
 * one export in progress fills the pool.
 */
let t: TestApp;
let pool: PdfRenderPool;
let district: TestDistrict;
let viewer: SignedInAgent;
let bigPlanId: string;

/** Resolves once `check` holds, polling; fails the test after `ms`. */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  pool = new PdfRenderPool({ threads: 1, queue: 0 });
  t = await startTestApp({ pdfPool: pool });
  district = await buildDistrict(t.db);
  viewer = await signIn(t.app, district.viewer.email, testPassword);
  // Every key question answered at the longest an answer may be: an export that takes a while to lay out.
  const { plan } = await buildPlan(t.db, district);
  const admin = signedInUserOf(district);
  const words = ['teacher', 'leaders', 'coach', 'literacy', 'Nguyễn', 'cohort', 'release', 'time'];
  const answer = Array.from({ length: 2_600 }, (_, i) => words[(i * 7) % words.length] + (i % 90 === 89 ? '.\n\n' : ''))
    .join(' ')
    .slice(0, 20_000);
  for (const question of plan.stages.flatMap((s) => s.questions)) {
    await plans.saveAnswer(t.db, admin, plan.id, question.key, { text: answer, version: question.answer.version });
  }
  bigPlanId = plan.id;
});

afterAll(() => t.close());

const pdfUrl = (planId: string) => `/api/plans/${planId}/export.pdf`;

describe('PDF exports on worker threads', () => {
  it('when every thread and queue place is taken, then another export answers 503 problem+json with Retry-After, and the first still succeeds', async () => {
    const first = viewer.agent.get(pdfUrl(bigPlanId)).then((res) => res);
    await until(() => pool.busy === 1, 'the first export to start');

    const second = await viewer.agent.get(pdfUrl(bigPlanId));

    expect(second.status).toBe(503);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(second.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    const done = await first;
    expect([done.status, done.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((done.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('when an export is rendering, then /api/health still answers, before the export is done', async () => {
    let exportDone = false;
    const exported = viewer.agent.get(pdfUrl(bigPlanId)).then((res) => {
      exportDone = true;
      return res;
    });
    await until(() => pool.busy === 1, 'the export to start');

    const health = await request(t.app).get('/api/health');

    expect(health.status).toBe(200);
    expect(exportDone).toBe(false);
    expect((await exported).status).toBe(200);
  });

  it('when an export is rendering, then its thread runs at a lower priority than the requests (Linux nice 10)', async () => {
    // Field 19 of a thread's stat is its nice value; the name in field 2 may hold spaces, so count from its end.
    const niceOf = (statFile: string) => Number(readFileSync(statFile, 'utf8').split(')').pop()!.trim().split(' ')[16]);
    const threadNices = () => readdirSync('/proc/self/task').map((tid) => niceOf(`/proc/self/task/${tid}/stat`));
    const exported = viewer.agent.get(pdfUrl(bigPlanId)).then((res) => res);
    await until(() => pool.busy === 1, 'the export to start');

    expect(niceOf('/proc/thread-self/stat')).toBe(0);
    expect(threadNices()).toContain(renderThreadNice);
    expect((await exported).status).toBe(200);
  });

  it('when the client hangs up during a render, then the render is stopped, its thread ended, and the next export is taken', async () => {
    // A thread up and idle, so that the render starts on it as soon as it is handed over.
    expect((await viewer.agent.get(pdfUrl(bigPlanId))).status).toBe(200);
    expect(pool.threadCount).toBe(1);
    const server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const login = await request(t.app)
        .post('/api/auth/login')
        .send({ email: district.viewer.email, password: testPassword });
      const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
      const hungUp = new Promise<void>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: pdfUrl(bigPlanId), headers: { cookie } });
        req.on('error', () => resolve());
        void until(() => pool.rendering === 1, 'the render to start').then(() => {
          req.destroy();
          resolve();
        });
      });
      await hungUp;

      // A finished render would leave its thread idle (threads live 60 s); a stopped one is ended.
      await until(() => pool.busy === 0 && pool.threadCount === 0, 'the render to stop and its thread to end');
      const next = await viewer.agent.get(pdfUrl(bigPlanId));
      expect(next.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
