import type { Dashboard } from '@planner/shared/dashboard';
import type { DistrictSettings } from '@planner/shared/district';
import { todayIso } from '@planner/shared/format';
import type { PeopleEvent } from '@planner/shared/user';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, type TestDistrict } from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;
let otherPrincipal: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin, principal, viewer, otherAdmin, otherPrincipal } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

const settingsOf = async (who: SignedInAgent) => {
  const res = await who.agent.get('/api/district/settings');
  expect(res.status).toBe(200);
  return res.body as DistrictSettings;
};
const save = (who: SignedInAgent, body: Record<string, unknown>) =>
  write(who, 'put', '/api/district/settings').send(body);

describe("the district's time zone", () => {
  it('starts as America/New_York; an administrator changes it and everyone of the district reads the new one', async () => {
    const before = await settingsOf(viewer);
    expect(before.timeZone).toBe('America/New_York');

    const saved = await save(admin, { timeZone: 'America/Chicago', version: before.version });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ timeZone: 'America/Chicago', version: before.version + 1 });
    for (const who of [admin, principal, viewer]) {
      expect((await settingsOf(who)).timeZone).toBe('America/Chicago');
      // The signed-in person's district says it too: the pages count "today" by it.
      expect((await who.agent.get('/api/auth/me')).body.district.timeZone).toBe('America/Chicago');
    }
  });

  it('refuses a zone the IANA database does not name, as problem+json naming timeZone, and keeps the one it had', async () => {
    const current = await settingsOf(admin);
    for (const timeZone of ['Mars/Olympus_Mons', 'CST', 'america/chicago', 'UTC+5', '', 42]) {
      const res = await save(admin, { timeZone, version: current.version });
      expect([timeZone, res.status]).toEqual([timeZone, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'body', field: 'timeZone' })]);
    }
    const missing = await save(admin, { version: current.version });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    expect(await settingsOf(admin)).toEqual(current);
  });

  it('when a save carries a stale version, then it answers 409 with the settings as they are and keeps them', async () => {
    const loaded = await settingsOf(admin);
    expect((await save(admin, { timeZone: 'America/Denver', version: loaded.version })).status).toBe(200);
    // A second administrator's form, loaded before that save.
    const stale = await save(admin, { timeZone: 'America/Los_Angeles', version: loaded.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.detail).toBe(
      'Someone else changed the district settings after you loaded them. Compare the two versions and choose what to keep.',
    );
    expect(stale.body.current).toEqual({ timeZone: 'America/Denver', version: loaded.version + 1 });
    expect(await settingsOf(admin)).toEqual({ timeZone: 'America/Denver', version: loaded.version + 1 });
  });

  it('a principal or a viewer reads it but may not change it', async () => {
    const current = await settingsOf(admin);
    for (const who of [principal, viewer]) {
      const res = await save(who, { timeZone: 'Pacific/Honolulu', version: current.version });
      expect(res.status).toBe(403);
    }
    expect(await settingsOf(admin)).toEqual(current);
  });

  it("another district's people neither read nor change it: their own district's settings are the only ones they reach", async () => {
    const lakeviews = await settingsOf(admin);
    const theirs = await settingsOf(otherPrincipal);
    expect(theirs.timeZone).toBe('America/New_York');
    expect(lakeviews.timeZone).not.toBe('America/New_York');

    const changed = await save(otherAdmin, { timeZone: 'Pacific/Honolulu', version: theirs.version });
    expect(changed.status).toBe(200);
    expect((await settingsOf(otherPrincipal)).timeZone).toBe('Pacific/Honolulu');
    expect(await settingsOf(admin)).toEqual(lakeviews);
    const row = await t.db('districts').where({ id: lakeview.id }).first();
    expect([row.time_zone, row.version]).toEqual([lakeviews.timeZone, lakeviews.version]);
  });
});

describe("the People page's log", () => {
  const logOf = async (who: SignedInAgent) => {
    const res = await who.agent.get('/api/people/log');
    expect(res.status).toBe(200);
    return res.body.events as PeopleEvent[];
  };
  const zoneChanges = async (who: SignedInAgent) => (await logOf(who)).filter((e) => e.kind === 'time_zone_changed');

  it('records a change of the time zone: who, when, from what to what; a save that keeps it or comes too late records nothing', async () => {
    const before = await settingsOf(admin);
    const logged = (await zoneChanges(admin)).length;
    const start = Date.now();
    expect((await save(admin, { timeZone: 'Pacific/Honolulu', version: before.version })).status).toBe(200);
    expect((await save(admin, { timeZone: 'America/Denver', version: before.version + 1 })).status).toBe(200);

    const [newest, previous, ...rest] = await zoneChanges(admin);
    expect(rest).toHaveLength(logged);
    expect(newest).toMatchObject({
      actor: { id: lakeview.admin.id, name: lakeview.admin.name },
      subject: { id: null, name: lakeview.name },
      note: 'From Hawaii (Pacific/Honolulu) to Mountain (America/Denver).',
    });
    expect(Date.parse(newest!.createdAt)).toBeGreaterThanOrEqual(start - 1000);
    expect(previous!.note).toMatch(/ to Hawaii \(Pacific\/Honolulu\)\.$/);

    // Saved again as it is, or on a stale version: the zone did not change, so the log says nothing.
    expect((await save(admin, { timeZone: 'America/Denver', version: before.version + 2 })).status).toBe(200);
    expect((await save(admin, { timeZone: 'America/Los_Angeles', version: before.version })).status).toBe(409);
    expect(await zoneChanges(admin)).toHaveLength(logged + 2);
  });

  it("shows another district's changes to nobody else, and not to a viewer", async () => {
    const theirs = await settingsOf(otherAdmin);
    expect((await save(otherAdmin, { timeZone: 'America/Anchorage', version: theirs.version })).status).toBe(200);
    expect((await zoneChanges(otherAdmin))[0]!.note).toMatch(/to Alaska \(America\/Anchorage\)\.$/);
    expect((await zoneChanges(admin)).some((e) => e.note.includes('Anchorage'))).toBe(false);
    expect((await viewer.agent.get('/api/people/log')).status).toBe(403);
  });
});

describe("the district's day", () => {
  // UTC+14 and UTC-11: 25 hours apart, so whatever the moment their calendar days differ.
  const east = 'Pacific/Kiritimati';
  const west = 'Pacific/Pago_Pago';

  it('is the "today" of the dashboard, what needs attention and the export when the reader sends none', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const action = plan.stages[0]!.actions[0]!;
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${action.id}`).send({
      dueDate: todayIso(west),
      version: action.version,
    });
    const readAs = async (timeZone: string) => {
      const current = await settingsOf(admin);
      expect((await save(admin, { timeZone, version: current.version })).status).toBe(200);
      const before = todayIso(timeZone);
      const dashboard = (await viewer.agent.get(`/api/plans/${plan.id}/dashboard`)).body as Dashboard;
      const attention = (await admin.agent.get(`/api/needs-attention?planId=${plan.id}`)).body as {
        items: { kind: string; title: string }[];
      };
      const csv = await viewer.agent.get(`/api/plans/${plan.id}/export/actions.csv`);
      // The day read before and after the requests: one of them, should midnight pass between.
      const days = [before, todayIso(timeZone)];
      expect(days).toContain(dashboard.today);
      expect(days.some((day) => csv.headers['content-disposition']?.includes(`_${day}.csv`))).toBe(true);
      return { dashboard, overdue: attention.items.filter((i) => i.kind === 'action_overdue') };
    };

    // Where the day is still the due day, the action is not overdue; a day ahead, it is.
    const behind = await readAs(west);
    expect(behind.dashboard.overdueActions).toEqual([]);
    expect(behind.overdue).toEqual([]);
    const ahead = await readAs(east);
    expect(ahead.dashboard.today > behind.dashboard.today).toBe(true);
    expect(ahead.dashboard.overdueActions.map((a) => a.id)).toEqual([action.id]);
    expect(ahead.overdue).toHaveLength(1);
  });
});
