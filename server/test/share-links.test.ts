import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { formatCents, formatDate, formatLongDate, todayIso } from '@planner/shared/format';
import { shareParts, type ShareLink, type ShareLinkWithUrl, type SharedPlan } from '@planner/shared/share-link';
import { traceInputLimit } from '@planner/shared/stakeholder-input';
import * as roles from '../src/features/roles/service';
import * as stakeholderInputs from '../src/features/stakeholder-inputs/service';
import { pruneExpiredCounters } from '../src/db/rate-limit-store';
import { counterKeyOf, OpenLimiter } from '../src/features/share-links/open-limiter';
import {
  appOn,
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import {
  buildDistrict,
  buildPlan,
  buildReading,
  buildRole,
  buildRoleInReview,
  buildRow,
  buildShareLink,
  buildStakeholderInput,
  signedInUserOf,
  testPassword,
  tokenOf,
  type TestDistrict,
  type TestPlan,
} from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;
let fixture: TestPlan;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
  fixture = await buildPlan(t.db, lakeview, { title: 'Board plan' });
});
afterAll(() => t.close());

const linksUrl = (planId = fixture.plan.id) => `/api/plans/${planId}/share-links`;
/** A day from the district's today: a link works through its last day where the district is. */
const isoDay = (offsetDays: number) =>
  new Date(Date.parse(`${todayIso(lakeview.timeZone)}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function makeLink(body: Record<string, unknown> = {}, who = admin): Promise<ShareLinkWithUrl> {
  const res = await write(who, 'post', linksUrl()).send({ label: 'For the March board meeting', ...body });
  expect(res.status).toBe(201);
  return res.body as ShareLinkWithUrl;
}

const open = (token: string) => request(t.app).get(`/api/shared/${token}`);

/** A share link's PDF download, its body as bytes. */
const sharedPdf = (token: string) =>
  request(t.app)
    .get(`/api/shared/${token}/export.pdf`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });

/** The text of a share link's PDF as poppler reads it, white space made single spaces. */
async function sharedPdfText(token: string): Promise<string> {
  const res = await sharedPdf(token);
  expect(res.status).toBe(200);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'shared-pdf-')), 'plan.pdf');
  writeFileSync(file, res.body as Buffer);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('making, listing and revoking share links', () => {
  it('when an admin makes a link, then its address is answered once and only its hash is stored', async () => {
    const link = await makeLink({ expiresOn: isoDay(30), parts: ['dashboard', 'measures'] });
    expect(link).toMatchObject({
      label: 'For the March board meeting',
      expiresOn: isoDay(30),
      parts: ['dashboard', 'measures'],
      status: 'active',
      openCount: 0,
      lastOpenedAt: null,
      createdBy: { id: lakeview.admin.id },
    });
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/shared\/[A-Za-z0-9_-]{43}$/);
    const stored = await t.db('share_links').where({ id: link.id }).first();
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link.url));

    const listed = (await admin.agent.get(linksUrl())).body.shareLinks as ShareLink[];
    const mine = listed.find((l) => l.id === link.id)!;
    expect(mine).not.toHaveProperty('url');
    expect(JSON.stringify(listed)).not.toContain(tokenOf(link.url));
  });

  it('when a part shown inside another is asked for without it, then 400 says which, and no link is made', async () => {
    const before = (await admin.agent.get(linksUrl())).body.shareLinks.length as number;
    const res = await write(admin, 'post', linksUrl()).send({
      label: 'Missteps alone',
      parts: ['missteps', 'alignment'],
    });
    expect(res.status).toBe(400);
    const messages = (res.body.errors as { field: string; message: string }[]).map((e) => `${e.field} ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^parts must include stages to show missteps/),
        expect.stringMatching(/^parts must include roles to show alignment/),
      ]),
    );
    expect((await admin.agent.get(linksUrl())).body.shareLinks).toHaveLength(before);
  });

  it('when the input is wrong (a date not a date, a long label, an unknown part), then 400 names each field', async () => {
    const res = await write(admin, 'post', linksUrl()).send({
      label: 'x'.repeat(201),
      expiresOn: '2026-02-30',
      parts: ['dashboard', 'people'],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['expiresOn', 'label']));
    expect(fields.some((f) => f.startsWith('parts'))).toBe(true);
    expect((await admin.agent.get(linksUrl())).body.shareLinks.some((l: ShareLink) => l.label.length > 200)).toBe(
      false,
    );
  });

  it("takes the district's today as the last day and refuses its yesterday, wherever UTC's day is", async () => {
    // UTC+14 and UTC-11: at any moment one of the two districts is on another calendar day than UTC.
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const district = await buildDistrict(t.db);
      await t.db('districts').where({ id: district.id }).update({ time_zone: timeZone });
      const { plan } = await buildPlan(t.db, district);
      const theirAdmin = await signIn(t.app, district.admin.email, testPassword);
      const today = todayIso(timeZone);
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

      const refused = await write(theirAdmin, 'post', linksUrl(plan.id)).send({
        label: 'Yesterday',
        expiresOn: yesterday,
      });
      expect({ timeZone, status: refused.status }).toEqual({ timeZone, status: 400 });
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'expiresOn', message: 'must be today or later' }),
      ]);
      expect((await theirAdmin.agent.get(linksUrl(plan.id))).body.shareLinks).toEqual([]);

      const made = await write(theirAdmin, 'post', linksUrl(plan.id)).send({ label: 'Today', expiresOn: today });
      expect({ timeZone, status: made.status }).toEqual({ timeZone, status: 201 });
      expect(made.body).toMatchObject({ expiresOn: today, status: 'active' });
    }
  });

  it('when a principal or a viewer makes, lists or revokes a link, then 403', async () => {
    const link = await makeLink();
    for (const who of [principal, viewer]) {
      expect((await write(who, 'post', linksUrl()).send({ label: 'Mine' })).status).toBe(403);
      expect((await who.agent.get(linksUrl())).status).toBe(403);
      expect((await write(who, 'delete', `${linksUrl()}/${link.id}`)).status).toBe(403);
    }
    expect((await open(tokenOf(link.url))).status).toBe(200);
  });

  it("when another district's admin lists, makes or revokes, then 404 and the link still works", async () => {
    const link = await makeLink();
    expect((await otherAdmin.agent.get(linksUrl())).status).toBe(404);
    expect((await write(otherAdmin, 'post', linksUrl()).send({ label: 'Theirs' })).status).toBe(404);
    const revoke = await write(otherAdmin, 'delete', `${linksUrl()}/${link.id}`);
    expect(revoke.status).toBe(404);
    expect(revoke.body.code).toBe('not_found');
    expect((await open(tokenOf(link.url))).status).toBe(200);
  });

  it('when an admin revokes a link, then the list says so and the link answers 404 at once', async () => {
    const link = await makeLink();
    expect((await open(tokenOf(link.url))).status).toBe(200);
    expect((await write(admin, 'delete', `${linksUrl()}/${link.id}`)).status).toBe(204);
    const listed = ((await admin.agent.get(linksUrl())).body.shareLinks as ShareLink[]).find((l) => l.id === link.id);
    expect(listed).toMatchObject({ status: 'revoked', openCount: 1 });
    expect(listed!.revokedAt).not.toBeNull();
    const res = await open(tokenOf(link.url));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('not_found');
    expect((await request(t.app).get(`/api/shared/${tokenOf(link.url)}/export.pdf`)).status).toBe(404);
    // Nothing changed by the refused opening.
    const after = ((await admin.agent.get(linksUrl())).body.shareLinks as ShareLink[]).find((l) => l.id === link.id);
    expect(after).toEqual(listed);
  });
});

describe('opening a share link without signing in', () => {
  it('shows the plan read only, counts the opening, and marks the answer noindex and no-referrer', async () => {
    const answer = await write(admin, 'put', `/api/plans/${fixture.plan.id}/answers/design.q1`).send({
      text: 'Teacher leaders keep great teachers in classrooms.',
      version: 1,
    });
    expect(answer.status).toBe(200);
    const link = await makeLink();
    const res = await open(tokenOf(link.url));
    expect(res.status).toBe(200);
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const shared = res.body as SharedPlan;
    expect(shared).toMatchObject({
      districtName: lakeview.name,
      districtTimeZone: lakeview.timeZone,
      plan: { title: 'Board plan', schoolYear: '2026-27' },
    });
    const question = shared.stages!.flatMap((s) => s.questions).find((q) => q.key === 'design.q1')!;
    expect(question.answer.text).toBe('Teacher leaders keep great teachers in classrooms.');
    // "As it stood on": when it was read, not when the plan's own settings last changed (before the answer).
    expect(Date.parse(shared.readAt)).toBeGreaterThanOrEqual(Date.parse(question.answer.updatedAt!));
    expect(Date.parse(shared.readAt)).toBeGreaterThan(Date.parse(shared.plan.updatedAt));
    // Nobody's name: not who answered, not the admin who made the link.
    expect(question.answer.updatedBy).toBeNull();
    expect(res.text).not.toContain(lakeview.admin.name);
    expect(res.text).not.toContain(lakeview.admin.id);

    const listed = ((await admin.agent.get(linksUrl())).body.shareLinks as ShareLink[]).find((l) => l.id === link.id)!;
    expect(listed.openCount).toBe(1);
    expect(listed.lastOpenedAt).not.toBeNull();
  });

  it("names none of the district's people, whatever the link shows: no typed owner, chooser, reviewer, commenter or email", async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with people in it' })).plan;
    const base = `/api/plans/${plan.id}`;
    const [typed, chosen] = plan.stages[0]!.actions;
    await write(admin, 'patch', `${base}/actions/${typed!.id}`).send({ ownerName: 'Mr. Sam Ortiz', version: 1 });
    await write(admin, 'patch', `${base}/actions/${chosen!.id}`).send({ ownerUserId: lakeview.viewer.id, version: 1 });
    await write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'Keep great teachers.', version: 1 });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Teacher retention',
      owner: 'Ms. Jane Carter',
      ownerUserId: lakeview.principal.id,
    });
    await buildReading(t.db, lakeview, plan.id, measure.id, { date: '2026-10-01', value: 50 });
    const role = await buildRoleInReview(t.db, lakeview, plan.id, { title: 'Reviewed coach' });
    await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), plan.id, role.id, {
      decision: 'approve',
      comment: 'Approved by the principal',
      version: role.version,
      round: role.round,
    });
    await write(principal, 'post', `${base}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'A comment the board does not read',
      mentions: [lakeview.admin.id],
    });
    await buildStakeholderInput(t.db, lakeview, plan.id);

    const made = await write(admin, 'post', `${base}/share-links`).send({ label: 'Board', parts: shareParts });
    const res = await open(tokenOf((made.body as ShareLinkWithUrl).url));
    expect(res.status).toBe(200);
    const shared = res.body as SharedPlan;
    expect(shared.measures!.map((m) => [m.name, m.owner, m.ownerUserId])).toEqual([['Teacher retention', '', null]]);
    expect(shared.roles!.map((r) => r.title)).toEqual(['Reviewed coach']);
    for (const person of [lakeview.admin, lakeview.principal, lakeview.viewer]) {
      for (const detail of [person.id, person.name, person.email]) expect(res.text).not.toContain(detail);
    }
    for (const words of ['Ms. Jane Carter', 'Mr. Sam Ortiz', 'Approved by the principal', 'A comment the board']) {
      expect(res.text).not.toContain(words);
    }
  });

  it('shows only the parts the link names, and of the roles only the approved ones', async () => {
    const draft = await buildRole(t.db, lakeview, fixture.plan.id, { title: 'Draft coach' });
    const inReview = await buildRoleInReview(t.db, lakeview, fixture.plan.id, { title: 'Approved mentor' });
    await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), fixture.plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    const everything = (await open(tokenOf((await makeLink()).url))).body as SharedPlan;
    expect(everything.roles!.map((r) => r.title)).toEqual(['Approved mentor']);
    expect(JSON.stringify(everything)).not.toContain(draft.id);

    const measuresOnly = (await open(tokenOf((await makeLink({ parts: ['measures'] })).url))).body as SharedPlan;
    expect(measuresOnly).toMatchObject({ dashboard: null, stages: null, tables: null, roles: null, budget: null });
    expect(Array.isArray(measuresOnly.measures)).toBe(true);
  });

  it('shows with the dashboard alone what its page shows, no figure of the measures, roles or budget', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: 'Plan with figures' });
    const inReview = await buildRoleInReview(t.db, lakeview, plan.id, { title: 'Costed mentor' });
    await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Teacher retention' });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', { amountCents: 10_000_00, status: 'secured' });
    const made = await write(admin, 'post', linksUrl(plan.id)).send({ label: 'Dashboard only', parts: ['dashboard'] });
    expect(made.status).toBe(201);
    const res = await open(tokenOf((made.body as ShareLinkWithUrl).url));
    expect(res.status).toBe(200);
    const dashboard = (res.body as SharedPlan).dashboard!;
    expect(dashboard.progress).toEqual(plan.progress);
    expect(dashboard.stages.map((s) => s.key)).toEqual(plan.stages.map((s) => s.key));
    // Not the measures' counts, nor the roles' cost or the funding by year: those parts are not shared.
    expect(dashboard).not.toHaveProperty('measureCounts');
    expect(dashboard).not.toHaveProperty('measures');
    expect(dashboard).not.toHaveProperty('roles');
    expect(res.text).not.toContain('Costed mentor');
    expect(res.text).not.toMatch(/secured|pending|shortfall|costCents/i);
  });

  it('shows the missteps and readiness with the stages, the alignment with the roles, and a logic model naming only what the link shows', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan for the whole board' })).plan;
    const url = (rest: string) => `/api/plans/${plan.id}${rest}`;
    const draft = await buildRole(t.db, lakeview, plan.id, { title: 'Unapproved coach' });
    const inReview = await buildRoleInReview(t.db, lakeview, plan.id, { title: 'Approved mentor' });
    const approved = await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Teacher retention',
      ownerUserId: lakeview.principal.id,
    });
    // People the plan names: who answered, who owns an action (a user, or a name typed in).
    const [owned, named] = plan.stages.flatMap((st) => st.actions);
    const people = await Promise.all([
      write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Early literacy', version: 1 }),
      write(admin, 'patch', `/api/plans/${plan.id}/actions/${owned!.id}`).send({
        ownerUserId: lakeview.principal.id,
        version: owned!.version,
      }),
      write(admin, 'patch', `/api/plans/${plan.id}/actions/${named!.id}`).send({
        ownerName: 'Dana Whitfield',
        version: named!.version,
      }),
    ]);
    expect(people.map((res) => res.status)).toEqual([200, 200, 200]);
    expect((await t.db('plan_measures').where({ id: measure.id }).first()).owner_user_id).toBe(lakeview.principal.id);
    const made = await Promise.all([
      write(admin, 'post', url('/missteps')).send({
        stageKey: 'build',
        text: 'Adding duties to coaches without release time',
        status: 'happening',
        note: 'Two schools did it this fall.',
      }),
      write(admin, 'post', url('/readiness/ratings')).send({
        schoolId: null,
        indicatorKey: 'culture.vision',
        rating: 2,
      }),
      write(admin, 'put', url(`/roles/${approved.id}/alignment/reach`)).send({
        answer: 'yes',
        note: 'Mentors reach every new teacher.',
        version: null,
      }),
      write(admin, 'patch', url('/logic-model')).send({
        problemStatement: 'New teachers leave by year three.',
        version: 1,
      }),
      write(admin, 'post', url('/logic-model/entries')).send({
        section: 'activity',
        text: 'Mentors meet new teachers weekly',
        links: [
          { kind: 'role', id: approved.id },
          { kind: 'role', id: draft.id },
        ],
      }),
      write(admin, 'post', url('/logic-model/entries')).send({
        section: 'outcome',
        text: 'More new teachers stay',
        links: [{ kind: 'measure', id: measure.id }],
      }),
    ]);
    for (const res of made) expect(res.status).toBeLessThan(300);
    const linkOf = async (parts: string[]) => {
      const res = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({ label: 'Board', parts });
      expect(res.status).toBe(201);
      return tokenOf((res.body as ShareLinkWithUrl).url);
    };

    const whole = (
      await open(await linkOf(['stages', 'readiness', 'missteps', 'roles', 'alignment', 'measures', 'logic-model']))
    ).body as SharedPlan;
    expect(whole.missteps!.map((m) => [m.stageKey, m.text, m.status, m.note])).toEqual([
      ['build', 'Adding duties to coaches without release time', 'happening', 'Two schools did it this fall.'],
    ]);
    const district = whole.readiness!.find((r) => r.scope === 'The district')!;
    expect(district.scores.find((s) => s.domainKey === 'culture')).toMatchObject({ average: 2, rated: 1, low: 1 });
    expect(whole.alignment!.roles.map((r) => r.title)).toEqual(['Approved mentor']);
    // What a teacher weighing the role wants up front: time, pay, who may apply and how, the term, the training.
    const details = Object.fromEntries(whole.roles![0]!.details.map((d) => [d.label, d.text]));
    expect(details).toMatchObject({
      'Time released from teaching': expect.stringMatching(/^50% of the week/),
      Pay: '$5,000.00 stipend, source of funds not yet decided',
      Selection: expect.stringContaining('Eligibility: Effective or highly effective rating'),
      'Term and renewal': expect.stringContaining('One school year'),
      'Training and support': 'Summer coaching institute and monthly coaching network',
    });
    const reach = whole.alignment!.roles[0]!.factors.find((f) => f.factor === 'reach')!;
    expect(reach).toMatchObject({ state: 'met', answer: { answer: 'yes', note: 'Mentors reach every new teacher.' } });
    expect(whole.logicModel!.canvas.problemStatement).toBe('New teachers leave by year three.');
    const linksOf = (shared: SharedPlan) =>
      shared.logicModel!.entries.map((e) => [e.text, e.links.map((l) => l.label)]);
    expect(linksOf(whole)).toEqual([
      ['Mentors meet new teachers weekly', ['Approved mentor']],
      ['More new teachers stay', ['Teacher retention']],
    ]);
    expect(whole.logicModel!.linkOptions).toEqual([]);
    // The role not approved is nowhere, not even as a link of the logic model; nor is anyone's name, email or id.
    const json = JSON.stringify(whole);
    for (const hidden of [
      'Unapproved coach',
      draft.id,
      'Dana Whitfield',
      ...[lakeview.admin, lakeview.principal].flatMap((p) => [p.name, p.email, p.id]),
    ]) {
      expect({ hidden, shown: json.includes(hidden) }).toEqual({ hidden, shown: false });
    }

    // A link keeps the parts it was made with: one made with the stages and roles alone shows none of the parts
    // added since (missteps, readiness, alignment), as links made before them did.
    const older = (await open(await linkOf(['stages', 'roles']))).body as SharedPlan;
    expect(older).toMatchObject({ missteps: null, readiness: null, alignment: null, logicModel: null });
    expect(older.roles!.map((r) => r.title)).toEqual(['Approved mentor']);

    // Without the roles and measures, the logic model names neither; without the stages, no missteps or readiness.
    const modelOnly = (await open(await linkOf(['logic-model']))).body as SharedPlan;
    expect(linksOf(modelOnly)).toEqual([
      ['Mentors meet new teachers weekly', []],
      ['More new teachers stay', []],
    ]);
    // An entry whose links the link leaves out says so, rather than that nothing is linked.
    expect(modelOnly.logicModel!.entries.map((e) => e.linksNotShown)).toEqual([true, true]);
    expect(whole.logicModel!.entries.map((e) => e.linksNotShown)).toEqual([true, false]);
    expect(await sharedPdfText(await linkOf(['logic-model']))).toContain(
      'Linked only to parts of the plan this link does not show',
    );
    expect(modelOnly).toMatchObject({ missteps: null, readiness: null, alignment: null, roles: null });
    expect(JSON.stringify(modelOnly)).not.toContain('Approved mentor');
    const stagesOnly = (await open(await linkOf(['stages', 'missteps']))).body as SharedPlan;
    expect(stagesOnly).toMatchObject({ logicModel: null, alignment: null, readiness: null });
    expect(stagesOnly.missteps).toHaveLength(1);

    // The link's PDF carries the same.
    const text = await sharedPdfText(
      await linkOf(['stages', 'readiness', 'missteps', 'roles', 'alignment', 'logic-model']),
    );
    expect(text).toContain('Adding duties to coaches without release time');
    expect(text).toContain('Readiness self-assessment');
    expect(text).toContain('Opportunity Culture principles and high-impact factors');
    expect(text).toContain('Teacher Leader Model Standards served');
    expect(text).toContain('Mentors meet new teachers weekly');
    expect(text).not.toContain('Unapproved coach');
    // No one's name: not the principal who approved the role, nor who answered.
    expect(text).not.toContain(lakeview.principal.name);
    expect(text).not.toContain(lakeview.admin.name);
  });

  it('lists the newest 100 stakeholder inputs of a plan that holds more, and says how many there are in all', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan heard by many' })).plan;
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders', { name: 'Teachers union' });
    for (let i = 0; i < traceInputLimit + 2; i++) {
      await stakeholderInputs.addInput(t.db, signedInUserOf(lakeview), plan.id, stakeholder.id, {
        kind: 'survey_finding',
        heardOn: `2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        source: '',
        summary: `Finding number ${i}.`,
        shaped: [],
      });
    }
    const made = await write(admin, 'post', linksUrl(plan.id)).send({ label: 'Board', parts: ['trace'] });
    const shared = (await open(tokenOf((made.body as ShareLinkWithUrl).url))).body as SharedPlan;
    expect(shared.traceTotal).toBe(traceInputLimit + 2);
    const summaries = shared.trace!.flatMap((entry) => entry.inputs.map((input) => input.summary));
    expect(summaries).toHaveLength(traceInputLimit);
    expect(summaries[0]).toBe(`Finding number ${traceInputLimit + 1}.`);
    expect(summaries).not.toContain('Finding number 1.');
    expect(summaries).not.toContain('Finding number 0.');
  });

  it('shows the trace in the PDF only when the link shares it', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with a trace' })).plan;
    await buildStakeholderInput(t.db, lakeview, plan.id);
    const pdfTextOf = async (parts: string[]) => {
      const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({ label: 'Board', parts });
      return sharedPdfText(tokenOf((made.body as ShareLinkWithUrl).url));
    };
    const withTrace = await pdfTextOf(['stages', 'trace']);
    expect(withTrace).toContain('What we heard, and what we did with it');
    expect(withTrace).toContain('Protect release time from substitute coverage.');
    const withoutTrace = await pdfTextOf(['stages']);
    expect(withoutTrace).not.toContain('Protect release time from substitute coverage.');
  });

  it('its PDF has no owner column, as its page has none (people are not shown), while the signed-in PDF names a typed-in owner', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with owners' })).plan;
    const [typed, chosen] = plan.stages[0]!.actions;
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${typed!.id}`).send({
      ownerName: 'Superintendent’s cabinet',
      version: typed!.version,
    });
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${chosen!.id}`).send({
      ownerUserId: lakeview.principal.id,
      version: chosen!.version,
    });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: ['stages'],
    });
    const shared = await sharedPdfText(tokenOf((made.body as ShareLinkWithUrl).url));
    expect(shared).toContain('High-impact actions Action Status Due date');
    for (const unshown of ['Owner', 'Not assigned', 'Superintendent’s cabinet', lakeview.principal.name]) {
      expect(shared).not.toContain(unshown);
    }

    const res = await admin.agent.get(`/api/plans/${plan.id}/export.pdf`).buffer(true);
    expect(res.status).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'plan-pdf-')), 'plan.pdf');
    writeFileSync(file, res.body as Buffer);
    const signedIn = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(signedIn).toContain('High-impact actions Action Status Owner Due date');
    expect(signedIn).toContain('Superintendent’s cabinet');
    expect(signedIn).toContain(lakeview.principal.name);
  });

  it("names nobody in the stages' tables: a data system's owner and a contact of expertise or a partner are blank in its answer, and its PDF has no column of them", async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with contacts' })).plan;
    await buildRow(t.db, lakeview, plan.id, 'dataSystems', { owner: 'Dr. Dana Whitfield' });
    await buildRow(t.db, lakeview, plan.id, 'expertise', { contact: 'Mr. Ravi Patel, 555-0142' });
    await buildRow(t.db, lakeview, plan.id, 'partners', { contact: 'partnerships@example.org' });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', {
      name: 'Hoped-for grant',
      amountCents: 4_000_00,
      status: 'pending',
      schoolYears: ['2026-27'],
    });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: shareParts,
    });
    const token = tokenOf((made.body as ShareLinkWithUrl).url);
    const res = await open(token);
    expect(res.status).toBe(200);
    const { tables, budget } = res.body as SharedPlan;
    expect(tables!.dataSystems.map((r) => [r.name, r.owner])).toEqual([['Educator evaluation system', '']]);
    expect(tables!.expertise.map((r) => [r.area, r.contact])).toEqual([['Coaching cycles', '']]);
    expect(tables!.partners.map((r) => [r.name, r.contact])).toEqual([['Leading Educators', '']]);
    const contacts = ['Dr. Dana Whitfield', 'Mr. Ravi Patel', '555-0142', 'partnerships@example.org'];
    for (const contact of contacts) expect(res.text).not.toContain(contact);
    // A pending source is listed with its status, and counts toward no secured funding, as the budget page counts.
    expect(tables!.fundingSources.map((r) => [r.name, r.status])).toEqual([['Hoped-for grant', 'pending']]);
    expect(budget!.years.map((y) => [y.schoolYear, y.securedCents])).toEqual([['2026-27', 0]]);

    const pdf = await sharedPdfText(token);
    expect(pdf).toContain('Data system What it measures How rigorous Educator evaluation system');
    expect(pdf).toContain('Area of expertise Internal or external Coaching cycles');
    expect(pdf).toContain('Partner Internal or external What they do Leading Educators');
    expect(pdf).toContain('Hoped-for grant Re-distributed funds $4,000.00 2026-27 Pending');
    for (const unshown of [...contacts, 'Contact', 'Owner']) {
      expect({ unshown, shown: pdf.includes(unshown) }).toEqual({ unshown, shown: false });
    }
  });

  it("says an archived plan is archived, and on which of the district's days, in its answer and on its PDF's cover", async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan archived since' })).plan;
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: shareParts,
    });
    const token = tokenOf((made.body as ShareLinkWithUrl).url);
    const active = (await open(token)).body as SharedPlan;
    expect(active.plan.status).not.toBe('archived');
    expect(active.plan.archivedOn).toBeNull();
    expect(await sharedPdfText(token)).not.toContain('Archived');

    const archived = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'archived',
      version: plan.version,
    });
    expect(archived.status).toBe(200);
    const today = todayIso(lakeview.timeZone);
    const shared = (await open(token)).body as SharedPlan;
    expect([shared.plan.status, shared.plan.archivedOn]).toEqual(['archived', today]);
    expect(await sharedPdfText(token)).toContain(`Status: Archived on ${formatLongDate(today)}`);
  });

  it('its PDF shows only what the link shows: no heading for a part left out, a role as the page shows it, the trace naming nothing unshown', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan in parts' })).plan;
    const inReview = await buildRoleInReview(t.db, lakeview, plan.id, { title: 'Approved mentor' });
    const principalUser = signedInUserOf(lakeview, lakeview.principal);
    const approved = await roles.reviewRole(t.db, principalUser, plan.id, inReview.id, {
      decision: 'approve',
      comment: 'Looks right to me',
      version: inReview.version,
      round: inReview.round,
    });
    await write(admin, 'post', `/api/plans/${plan.id}/missteps`).send({
      stageKey: 'build',
      text: 'Coaches without time',
    });
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders', { name: 'Teachers association' });
    const input = await buildStakeholderInput(t.db, lakeview, plan.id, stakeholder.id);
    await write(admin, 'patch', `/api/plans/${plan.id}/stakeholder-inputs/${input.id}`).send({
      shaped: [{ kind: 'role', id: approved.id }],
      version: input.version,
    });
    const pdfTextOf = async (parts: string[]) => {
      const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({ label: 'Board', parts });
      expect(made.status).toBe(201);
      return sharedPdfText(tokenOf((made.body as ShareLinkWithUrl).url));
    };

    // The stages alone: no measures table called empty, no missteps, no roles section, the trace not naming the role.
    const stagesOnly = await pdfTextOf(['stages', 'trace']);
    expect(stagesOnly).not.toContain('No measures of success listed yet');
    expect(stagesOnly).not.toContain('Missteps to avoid');
    expect(stagesOnly).not.toContain('Teacher-leader roles');
    expect(stagesOnly).not.toContain('Approved mentor');
    expect(stagesOnly).toContain('It shaped parts of the plan this link does not show.');

    // The roles for the public: what the page shows, not the review or the district's internal arrangements.
    const withRoles = await pdfTextOf(['stages', 'missteps', 'roles', 'trace']);
    expect(withRoles).toContain('Coaches without time');
    expect(withRoles).toContain('Teacher-leader role: Approved mentor');
    for (const internal of [
      'Review status',
      'Looks right to me',
      'Developed jointly with the union',
      'Formal authority',
      lakeview.principal.name,
    ]) {
      expect({ internal, shown: withRoles.includes(internal) }).toEqual({ internal, shown: false });
    }
  });

  it('when an approved role has only the day applications open, then its page and PDF say it opens then, not that the window is that day', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with a window' })).plan;
    const inReview = await buildRoleInReview(t.db, lakeview, plan.id, {
      title: 'Open-ended mentor',
      applicationOpens: '2027-03-01',
      applicationCloses: null,
    });
    await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: ['roles'],
    });
    expect(made.status).toBe(201);
    const token = tokenOf((made.body as ShareLinkWithUrl).url);
    const page = (await open(token)).body as SharedPlan;
    expect(page.roles?.[0]?.details).toContainEqual({ label: 'Application window', text: 'opens Mar 1, 2027' });
    expect(await sharedPdfText(token)).toContain('Application window: opens Mar 1, 2027');
  });

  it('its PDF carries the parts its page shows without the stages or the roles: the dashboard, the measures with their readings, the budget', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan for the board' })).plan;
    const late = plan.stages[0]!.actions[0]!;
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${late.id}`).send({
      dueDate: '2024-01-15',
      status: 'in_progress',
      version: late.version,
    });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Chronic absence rate' });
    await buildReading(t.db, lakeview, plan.id, measure.id, { date: '2026-10-01', value: 12, note: 'Fall count' });
    const inReview = await buildRoleInReview(t.db, lakeview, plan.id, { title: 'Budgeted mentor' });
    await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    const linkOf = async (parts: string[]) => {
      const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({ label: 'Board', parts });
      expect(made.status).toBe(201);
      const token = tokenOf((made.body as ShareLinkWithUrl).url);
      return { page: (await open(token)).body as SharedPlan, pdf: await sharedPdfText(token) };
    };

    // The dashboard: the progress, each stage's actions by status, and what is overdue, as the page shows them.
    const dashboard = await linkOf(['dashboard']);
    const { progress } = dashboard.page.dashboard!;
    const items = progress.applicableQuestions + progress.applicableActions;
    const done = progress.answeredQuestions + progress.doneActions;
    expect(dashboard.pdf).toContain('Where the plan stands');
    expect(dashboard.pdf).toContain(`${progress.percent}% complete — ${done} of ${items} items`);
    expect(dashboard.pdf).toContain('High-impact actions by stage Stage Not started In progress Done Blocked');
    expect(dashboard.pdf).toContain(`Stage 1: ${plan.stages[0]!.title}`);
    expect(dashboard.pdf).toContain(`Overdue actions • ${late.text} (due ${formatDate('2024-01-15')}, in progress)`);
    expect(dashboard.pdf).toContain(`Progress by stage • Stage 1, ${plan.stages[0]!.title}: 0% complete`);
    expect(dashboard.pdf).not.toContain('Chronic absence rate');

    // The measures without the stages: each with its status and its readings.
    const measures = await linkOf(['dashboard', 'measures']);
    expect(measures.pdf).toContain('Where the plan stands');
    expect(measures.pdf).toContain('Measures of success');
    expect(measures.pdf).toContain('Chronic absence rate');
    expect(measures.pdf).toContain('Fall count');
    expect(measures.pdf).not.toContain('Key questions');

    // The budget without the roles: what the approved roles cost against the funding, year by year.
    const budget = await linkOf(['budget']);
    expect(budget.page.budget!.totalCents).toBeGreaterThan(0);
    expect(budget.pdf).toContain(`Approved roles cost ${formatCents(budget.page.budget!.totalCents)} a year.`);
    expect(budget.pdf).toContain('School year Cost of approved roles Secured funding Shortfall');
    expect(budget.pdf).toContain(`${plan.schoolYear} ${formatCents(budget.page.budget!.years[0]!.costCents)}`);
    expect(budget.pdf).not.toContain('Budgeted mentor');
    // Without the stages or the dashboard, the cover names no stage rather than list none.
    expect(budget.pdf).not.toContain('Progress by stage');
  });

  it("shows the plan's progress only with the stages or the dashboard: not in a budget-only link's answer, nor on its PDF's cover", async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with progress' })).plan;
    const question = plan.stages[0]!.questions[0]!;
    const answered = await write(admin, 'put', `/api/plans/${plan.id}/answers/${question.key}`).send({
      text: 'Teacher leaders keep great teachers in classrooms.',
      version: 1,
    });
    expect(answered.status).toBe(200);
    const linkOf = async (parts: string[]) => {
      const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({ label: 'Board', parts });
      expect(made.status).toBe(201);
      const token = tokenOf((made.body as ShareLinkWithUrl).url);
      return { page: (await open(token)).body as SharedPlan, pdf: await sharedPdfText(token) };
    };

    const budget = await linkOf(['budget']);
    expect(budget.page.plan.progress).toBeNull();
    for (const unshown of ['Overall progress', 'Progress by stage', '% complete']) {
      expect({ unshown, shown: budget.pdf.includes(unshown) }).toEqual({ unshown, shown: false });
    }

    for (const parts of [['dashboard'], ['stages']]) {
      const { page, pdf } = await linkOf(parts);
      const progress = page.plan.progress!;
      expect({ parts, answered: progress.answeredQuestions }).toEqual({ parts, answered: 1 });
      expect(progress.stages.map((s) => s.stageKey)).toEqual(plan.stages.map((s) => s.key));
      expect(pdf).toContain(`Overall progress: ${progress.percent}% complete (1 of`);
      expect(pdf).toContain(`Progress by stage • Stage 1, ${plan.stages[0]!.title}: `);
    }
  });

  it('its PDF leaves out the questions and actions that do not apply, and says the readiness is not rated yet, as its page does', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with what does not apply' })).plan;
    const question = plan.stages[0]!.questions[0]!;
    const action = plan.stages[0]!.actions[0]!;
    await write(admin, 'patch', `/api/plans/${plan.id}/questions/${question.key}`).send({
      notApplicable: true,
      version: question.version,
    });
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${action.id}`).send({
      notApplicable: true,
      version: action.version,
    });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: ['stages', 'readiness'],
    });
    const token = tokenOf((made.body as ShareLinkWithUrl).url);
    expect(((await open(token)).body as SharedPlan).readiness).toEqual([]);
    const shared = await sharedPdfText(token);
    expect(shared).toContain('Readiness self-assessment Not rated yet.');
    for (const unshown of [question.text, action.text, 'Marked not applicable', 'Not applicable']) {
      expect({ unshown, shown: shared.includes(unshown) }).toEqual({ unshown, shown: false });
    }
    // What applies still shows.
    expect(shared).toContain(plan.stages[0]!.questions[1]!.text);
    expect(shared).toContain(plan.stages[0]!.actions[1]!.text);
  });

  it('a link stored with a part but not the part it shows inside shows neither, on the page or in the PDF', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan with odd parts' })).plan;
    await write(admin, 'post', `/api/plans/${plan.id}/missteps`).send({
      stageKey: 'build',
      text: 'A misstep never shown',
    });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: ['measures'],
    });
    const link = made.body as ShareLinkWithUrl;
    // As no request can make it: parts shown inside the stages and roles, without them.
    await t
      .db('share_links')
      .where({ id: link.id })
      .update({ parts: ['measures', 'missteps', 'readiness', 'alignment'] });
    const shared = (await open(tokenOf(link.url))).body as SharedPlan;
    expect(shared).toMatchObject({ stages: null, missteps: null, readiness: null, roles: null, alignment: null });
    expect((await sharedPdf(tokenOf(link.url))).status).toBe(200);
  });

  it('when the link has expired, then 404 and nothing is counted', async () => {
    const link = await makeLink({ expiresOn: isoDay(1) });
    await t
      .db('share_links')
      .where({ id: link.id })
      .update({ expires_on: isoDay(-1) });
    const res = await open(tokenOf(link.url));
    expect(res.status).toBe(404);
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    const listed = ((await admin.agent.get(linksUrl())).body.shareLinks as ShareLink[]).find((l) => l.id === link.id)!;
    expect(listed).toMatchObject({ status: 'expired', openCount: 0, lastOpenedAt: null });
  });

  it('works through its last day where the district is: the same day is over in Kiritimati, not yet in Pago Pago', async () => {
    // UTC+14 and UTC-11: whatever the moment, Kiritimati's calendar day is after Pago Pago's.
    const lastDay = todayIso('Pacific/Pago_Pago');
    const linkIn = async (timeZone: string) => {
      const district = await buildDistrict(t.db);
      await t.db('districts').where({ id: district.id }).update({ time_zone: timeZone });
      const { plan } = await buildPlan(t.db, district);
      const link = await buildShareLink(t.db, district, plan.id);
      await t.db('share_links').where({ id: link.id }).update({ expires_on: lastDay });
      return tokenOf(link.url);
    };
    expect((await open(await linkIn('Pacific/Pago_Pago'))).status).toBe(200);
    expect((await open(await linkIn('Pacific/Kiritimati'))).status).toBe(404);
  });

  it('when the token is unknown or of the wrong shape, then 404 or 400, never another plan', async () => {
    const other = await buildPlan(t.db, lakeview);
    expect((await open('A'.repeat(43))).status).toBe(404);
    expect((await open('short')).status).toBe(400);
    expect((await open(other.plan.id)).status).toBe(400);
    // Each link reads its own plan only.
    const otherLink = await write(admin, 'post', linksUrl(other.plan.id)).send({ label: 'Other' });
    const shown = (await open(tokenOf((otherLink.body as ShareLinkWithUrl).url))).body as SharedPlan;
    expect(shown.plan.title).toBe(other.plan.title);
    expect(JSON.stringify(shown)).not.toContain('Board plan');
  });

  it('is read only: the link opens no signed-in route of the plan', async () => {
    const link = await makeLink();
    const agent = request.agent(t.app);
    expect((await agent.get(`/api/shared/${tokenOf(link.url)}`)).status).toBe(200);
    expect((await agent.get(`/api/plans/${fixture.plan.id}`)).status).toBe(401);
    expect((await agent.put(`/api/shared/${tokenOf(link.url)}`).send({})).status).toBe(404);
  });

  it('downloads the PDF of the plan by the token', async () => {
    const link = await makeLink();
    const res = await sharedPdf(tokenOf(link.url));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.pdf"/);
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  /** A plan with one approved role and secured funding in two school years, and a link to it sharing `parts`. */
  async function approvedRolePlanLink(title: string, parts: string[]) {
    const plan = (await buildPlan(t.db, lakeview, { title })).plan;
    const inReview = await buildRoleInReview(t.db, lakeview, plan.id, { title: 'Costed mentor' });
    await roles.reviewRole(t.db, signedInUserOf(lakeview, lakeview.principal), plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', {
      amountCents: 12_345_00,
      status: 'secured',
      schoolYears: ['2026-27', '2027-28'],
    });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({ label: 'Board', parts });
    expect(made.status).toBe(201);
    const token = tokenOf((made.body as ShareLinkWithUrl).url);
    return { token, plan, page: (await open(token)).body as SharedPlan };
  }

  it('when a link shares the roles but not the budget, then neither its page nor its PDF gives a cost: no yearly total, no cost of a role', async () => {
    const { token, page } = await approvedRolePlanLink('Plan with roles only', ['roles']);
    expect(page.budget).toBeNull();
    expect(page.roles!.map((r) => [r.title, r.totalCents])).toEqual([['Costed mentor', null]]);
    const pdf = await sharedPdfText(token);
    expect(pdf).toContain('Costed mentor');
    expect(pdf).toContain('Summary of the roles Role Schools Positions Release time Costed mentor');
    for (const costWord of ['Yearly cost', 'cost of the approved roles', 'Approved roles cost', 'secured funding']) {
      expect({ costWord, shown: pdf.includes(costWord) }).toEqual({ costWord, shown: false });
    }

    // With the budget, the role's cost is on the page and in the PDF, the same figure.
    const withBudget = await approvedRolePlanLink('Plan with roles and budget', ['roles', 'budget']);
    const cost = withBudget.page.roles![0]!.totalCents!;
    expect(cost).toBeGreaterThan(0);
    // The plan's only role: its cost is the budget's yearly total.
    expect(cost).toBe(withBudget.page.budget!.totalCents);
    const budgeted = await sharedPdfText(withBudget.token);
    expect(budgeted).toContain(`${withBudget.page.roles![0]!.releasePercent}% ${formatCents(cost)}`);
    expect(budgeted).toContain(`Yearly cost: ${formatCents(cost)}`);
  });

  it('when a link shares the budget alone, then its answer carries only what its page and PDF show: the yearly total and the table by school year, no role', async () => {
    const { token, plan, page } = await approvedRolePlanLink('Plan with the budget only', ['budget']);
    const res = await open(token);
    expect(res.status).toBe(200);
    const budget = page.budget!;
    expect(Object.keys(budget).sort()).toEqual(['averageTeacherCostCents', 'contractDays', 'totalCents', 'years']);
    // What the cost is priced at, as the district set it: the page and the PDF say it.
    expect(budget).toMatchObject({
      averageTeacherCostCents: plan.averageTeacherCostCents,
      contractDays: plan.contractDays,
    });
    expect(await sharedPdfText(token)).toContain(
      `Priced at an average teacher cost of ${formatCents(plan.averageTeacherCostCents)} a year and ${plan.contractDays} contract days.`,
    );
    expect(budget.totalCents).toBeGreaterThan(0);
    expect(budget.years).toEqual([
      {
        schoolYear: '2026-27',
        costCents: budget.totalCents,
        securedCents: 12_345_00,
        shortfallCents: Math.max(0, budget.totalCents - 12_345_00),
      },
      {
        schoolYear: '2027-28',
        costCents: budget.totalCents,
        securedCents: 12_345_00,
        shortfallCents: Math.max(0, budget.totalCents - 12_345_00),
      },
    ]);
    // Neither the role, nor what it pays, nor the funding the page does not show (pending, ideas, grants or not).
    for (const unshown of [
      'Costed mentor',
      'payPerPosition',
      'perPosition',
      'payFunding',
      'pending',
      'idea',
      'recurring',
      'grant',
    ]) {
      expect({ unshown, shown: res.text.toLowerCase().includes(unshown.toLowerCase()) }).toEqual({
        unshown,
        shown: false,
      });
    }
    expect(page.roles).toBeNull();

    // With the roles too, each role's cost is on the role, as the page's table of roles shows it.
    const withRoles = await approvedRolePlanLink('Plan with the budget and roles', ['roles', 'budget']);
    expect(Object.keys(withRoles.page.budget!).sort()).toEqual([
      'averageTeacherCostCents',
      'contractDays',
      'totalCents',
      'years',
    ]);
    expect(withRoles.page.roles!.map((r) => [r.title, r.totalCents])).toEqual([
      ['Costed mentor', withRoles.page.budget!.totalCents],
    ]);
  });

  it("when a link shares approved roles and the budget, then its PDF has the Budget section after the roles with the page's table by school year, tagged as a table", async () => {
    const { token, page } = await approvedRolePlanLink('Plan with a budget for the board', ['roles', 'budget']);
    const budget = page.budget!;
    expect(budget.years.map((y) => y.schoolYear)).toEqual(['2026-27', '2027-28']);
    const priced = `Priced at an average teacher cost of ${formatCents(budget.averageTeacherCostCents)} a year and ${budget.contractDays} contract days.`;
    const rows = budget.years.map(
      (y) =>
        `${y.schoolYear} ${formatCents(y.costCents)} ${formatCents(y.securedCents)} ${formatCents(y.shortfallCents)}`,
    );
    const pdf = await sharedPdfText(token);
    const section = pdf.slice(pdf.lastIndexOf(' Budget Approved roles cost'));
    expect(pdf.lastIndexOf(' Budget Approved roles cost')).toBeGreaterThan(pdf.lastIndexOf('Costed mentor'));
    expect(section).toContain(
      `Budget Approved roles cost ${formatCents(budget.totalCents)} a year. ${priced} School year Cost of approved roles Secured funding Shortfall ${rows.join(' ')}`,
    );
    // No line of each year's funding inside the roles instead.
    expect(pdf).not.toMatch(/2026-27:? (covered by secured funding|\$[\d,.]+ short)/);
    expect(pdf).not.toContain('Yearly cost of the approved roles');

    // A real table: its header cells and each year's row are tagged as such, not drawn text.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'shared-pdf-')), 'plan.pdf');
    writeFileSync(file, (await sharedPdf(token)).body as Buffer);
    const structure = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const quoted = (text: string) => `"${text.replace(/[$.]/g, '\\$&')}"`;
    expect(structure).toMatch(
      new RegExp(
        `Sect H2 \\(block\\) "Budget" P \\(block\\) ${quoted(`Approved roles cost ${formatCents(budget.totalCents)} a year.`)} ` +
          `P \\(block\\) ${quoted(priced)} ` +
          'Table \\(block\\) THead TR ' +
          ['School year', 'Cost of approved roles', 'Secured funding', 'Shortfall']
            .map((header) => `TH: /Scope /Column ${quoted(header)}`)
            .join(' '),
      ),
    );
    for (const y of budget.years) {
      const cells = [y.costCents, y.securedCents, y.shortfallCents].map(formatCents);
      expect(structure).toMatch(
        new RegExp(`TR TH: /Scope /Row ${quoted(y.schoolYear)} ${cells.map((c) => `TD ${quoted(c)}`).join(' ')}`),
      );
    }
  });

  it('when a link shares the roles and the budget but no role is approved, then its PDF says so and shows the budget, as its page does', async () => {
    const plan = (await buildPlan(t.db, lakeview, { title: 'Plan awaiting approval' })).plan;
    await buildRole(t.db, lakeview, plan.id, { title: 'Draft coach' });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', { amountCents: 40_000_00, status: 'secured' });
    const made = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: ['roles', 'budget'],
    });
    expect(made.status).toBe(201);
    const token = tokenOf((made.body as ShareLinkWithUrl).url);
    const page = (await open(token)).body as SharedPlan;
    expect(page.roles).toEqual([]);
    const year = page.budget!.years[0]!;
    expect(year.securedCents).toBeGreaterThan(0);

    const pdf = await sharedPdfText(token);
    expect(pdf).toContain('Teacher-leader roles No role is approved yet.');
    expect(pdf).not.toContain('No teacher-leader roles are defined yet.');
    expect(pdf).not.toContain('Draft coach');
    expect(pdf).toContain(`Approved roles cost ${formatCents(page.budget!.totalCents)} a year.`);
    expect(pdf).toContain('School year Cost of approved roles Secured funding Shortfall');
    expect(pdf).toContain(
      `${year.schoolYear} ${formatCents(year.costCents)} ${formatCents(year.securedCents)} ${formatCents(year.shortfallCents)}`,
    );
  });

  it('when a plan has only some parts shared, then its PDF still renders', async () => {
    const link = await makeLink({ parts: ['measures'] });
    const res = await request(t.app).get(`/api/shared/${tokenOf(link.url)}/export.pdf`);
    expect(res.status).toBe(200);
  });
});

describe('opening links too often', () => {
  it('when one address opens links past the limit, on any server process, then 429 with Retry-After', async () => {
    const link = await makeLink();
    // The openings of the tests before (from this same address) are forgotten: a fresh minute.
    await t.db('share_link_open_limits').delete();
    // Two processes of the planner on the same database, each with a limit of three openings a minute.
    const processes = [
      appOn(t.db, { openLimits: { perWindow: 3, windowSeconds: 60 } }),
      appOn(t.db, { openLimits: { perWindow: 3, windowSeconds: 60 } }),
    ];
    try {
      const openOn = (i: number) => request(processes[i]!.app).get(`/api/shared/${tokenOf(link.url)}`);
      expect([(await openOn(0)).status, (await openOn(1)).status, (await openOn(0)).status]).toEqual([200, 200, 200]);
      for (const i of [1, 0]) {
        const refused = await openOn(i);
        expect(refused.status).toBe(429);
        expect(refused.body).toMatchObject({ code: 'too_many_attempts' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
    } finally {
      await Promise.all(processes.map((p) => p.pdfPool.close()));
    }
  });

  it('counts an IPv6 network (/64) as one address, and IPv4 written as IPv6 as itself', () => {
    expect(counterKeyOf('2001:db8:1:2:aaaa::1')).toBe(counterKeyOf('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(counterKeyOf('2001:db8:1:2::1')).not.toBe(counterKeyOf('2001:db8:1:3::1'));
    expect(counterKeyOf('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(counterKeyOf('203.0.113.5')).not.toBe(counterKeyOf('203.0.113.6'));
  });

  it('forgets the counters whose window is over (the hourly job), keeping the running ones', async () => {
    const now = Date.now();
    await t.db('share_link_open_limits').insert([
      { key: 'open:198.51.100.1', points: 3, expire: now - 1 },
      { key: 'open:198.51.100.2', points: 3, expire: now + 60_000 },
    ]);
    await t.db('login_rate_limits').insert({ key: 'pair:someone|198.51.100.1', points: 1, expire: now - 1 });
    expect(await pruneExpiredCounters(t.db, now)).toBeGreaterThanOrEqual(2);
    expect(
      await t.db('share_link_open_limits').whereIn('key', ['open:198.51.100.1', 'open:198.51.100.2']).pluck('key'),
    ).toEqual(['open:198.51.100.2']);
    expect(await t.db('login_rate_limits').where({ key: 'pair:someone|198.51.100.1' }).pluck('key')).toEqual([]);
  });

  it('counts each address apart', async () => {
    const limiter = new OpenLimiter(t.db, { perWindow: 1, windowSeconds: 60 });
    await limiter.check('203.0.113.5');
    await expect(limiter.check('198.51.100.7')).resolves.toBeUndefined();
    await expect(limiter.check('203.0.113.5')).rejects.toMatchObject({ status: 429, code: 'too_many_attempts' });
  });
});
