import request from 'supertest';
import type { PeopleEvent, DistrictUser } from '@planner/shared/user';
import type { School } from '@planner/shared/school';
import {
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import {
  buildPlan,
  buildRoleInReview,
  buildSchool,
  buildUser,
  testPassword,
  unique,
  type TestDistrict,
} from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

async function people(who = admin): Promise<DistrictUser[]> {
  const res = await who.agent.get('/api/users');
  expect(res.status).toBe(200);
  return res.body.users as DistrictUser[];
}
const personOf = async (id: string) => (await people()).find((p) => p.id === id)!;
const log = async (): Promise<PeopleEvent[]> => (await admin.agent.get('/api/people/log')).body.events;

describe('schools', () => {
  it('an admin adds and renames a school; a name taken in the district, whatever its case, answers 409', async () => {
    const name = `Cedar Elementary ${unique()}`;
    const added = await write(admin, 'post', '/api/schools').send({ name: `  ${name}  ` });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name, archived: false, principals: [], version: 1 });
    const again = await write(admin, 'post', '/api/schools').send({ name: name.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(
      `The district already has a school named “${name.toUpperCase()}”. Choose another name.`,
    );
    const renamed = await write(admin, 'patch', `/api/schools/${added.body.id}`).send({
      name: `${name} North`,
      version: 1,
    });
    expect(renamed.body).toMatchObject({ name: `${name} North`, version: 2 });
    const stale = await write(admin, 'patch', `/api/schools/${added.body.id}`).send({ name: 'Stale', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ name: `${name} North` });
    // Another district may have a school of the same name.
    expect((await write(otherAdmin, 'post', '/api/schools').send({ name })).status).toBe(201);
  });

  it('an archived school leaves the pickers but stays on the roles that name it, and can come back', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const school = await buildSchool(t.db, lakeview);
    const role = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      schoolIds: [school.id],
    });
    const archived = await write(admin, 'patch', `/api/schools/${school.id}`).send({ archived: true, version: 1 });
    expect(archived.body.archived).toBe(true);
    const listed = (await viewer.agent.get('/api/schools')).body.schools as School[];
    expect(listed.find((s) => s.id === school.id)).toMatchObject({ archived: true });
    const roleNow = await admin.agent.get(`/api/plans/${plan.id}/roles/${role.body.id}`);
    expect(roleNow.body.schools).toEqual([expect.objectContaining({ school: { id: school.id, name: school.name } })]);
    // A new invitation cannot lead an archived school.
    const invite = await write(admin, 'post', '/api/invitations').send({
      email: `p-${unique()}@lakeview.test`,
      name: 'New principal',
      role: 'principal',
      schoolIds: [school.id],
    });
    expect(invite.status).toBe(400);
    expect(invite.body.errors).toEqual([{ in: 'body', field: 'schoolIds', message: `${school.name} is archived` }]);
    const back = await write(admin, 'patch', `/api/schools/${school.id}`).send({ archived: false, version: 2 });
    expect(back.body.archived).toBe(false);
  });

  it('principals and viewers cannot add or change schools; another district sees none of them', async () => {
    for (const who of [principal, viewer]) {
      expect((await write(who, 'post', '/api/schools').send({ name: 'Nope' })).status).toBe(403);
    }
    expect(
      (await write(otherAdmin, 'patch', `/api/schools/${lakeview.schools[0]!.id}`).send({ name: 'Mine', version: 1 }))
        .status,
    ).toBe(404);
    const theirs = (await otherAdmin.agent.get('/api/schools')).body.schools as School[];
    expect(theirs.map((s) => s.id)).not.toContain(lakeview.schools[0]!.id);
  });
});

describe('people', () => {
  it('lists everyone with role, schools, whether active and, to administrators alone, the last sign-in', async () => {
    const list = await people(viewer);
    const p = list.find((u) => u.id === lakeview.principal.id)!;
    expect(p).toMatchObject({ role: 'principal', active: true, email: lakeview.principal.email });
    expect(p.schoolIds.sort()).toEqual(
      lakeview.schools
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    );
    expect(list.map((u) => u.id)).not.toContain(hillcrest.admin.id);
    // When a colleague last signed in is the administrators' to know, not every colleague's.
    for (const who of [viewer, principal]) {
      expect((await people(who)).every((u) => !('lastSignInAt' in u))).toBe(true);
    }
    const seenByAdmin = (await people(admin)).find((u) => u.id === lakeview.principal.id)!;
    expect(seenByAdmin.lastSignInAt).toEqual(expect.any(String));
  });

  it('an admin makes a viewer a principal of two schools, and the change is in the log', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const schools = lakeview.schools.slice(2, 4).map((s) => s.id);
    const res = await write(admin, 'patch', `/api/users/${person.id}`).send({
      role: 'principal',
      schoolIds: schools,
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'principal', version: 2 });
    expect([...res.body.schoolIds].sort()).toEqual([...schools].sort());
    const school = (await admin.agent.get(`/api/schools/${schools[0]}`)).body as School;
    expect(school.principals.map((p) => p.id)).toContain(person.id);
    const lines = (await log()).filter((e) => e.subject.id === person.id);
    expect(lines.map((e) => e.kind).sort()).toEqual(['role_changed', 'schools_changed']);
    expect(lines.find((e) => e.kind === 'role_changed')).toMatchObject({
      note: 'Viewer → Principal.',
      actor: { id: lakeview.admin.id },
    });
  });

  it('schools are only for principals, and must be of the district', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const forViewer = await write(admin, 'patch', `/api/users/${person.id}`).send({
      schoolIds: [lakeview.schools[0]!.id],
      version: 1,
    });
    expect(forViewer.status).toBe(400);
    expect(forViewer.body.errors[0]).toMatchObject({ field: 'schoolIds' });
    const foreign = await write(admin, 'patch', `/api/users/${person.id}`).send({
      role: 'principal',
      schoolIds: [hillcrest.schools[0]!.id],
      version: 1,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([
      { in: 'body', field: 'schoolIds', message: 'one is not a school of your district' },
    ]);
    expect((await personOf(person.id)).role).toBe('viewer');
  });

  it('deactivating a person ends every session of theirs at once; what they wrote keeps their name; they can come back', async () => {
    const person = await buildUser(t.db, lakeview.id, 'district_admin');
    const [laptop, phone] = [
      await signIn(t.app, person.email, testPassword),
      await signIn(t.app, person.email, testPassword),
    ];
    const { plan } = await buildPlan(t.db, lakeview);
    await write(laptop, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Mine', version: 1 });

    const off = await write(admin, 'patch', `/api/users/${person.id}`).send({ active: false, version: 1 });
    expect(off.body.active).toBe(false);
    for (const device of [laptop, phone]) expect((await device.agent.get('/api/auth/me')).status).toBe(401);
    const again = await request(t.app).post('/api/auth/login').send({ email: person.email, password: testPassword });
    expect(again.status).toBe(401);
    const answered = (await admin.agent.get(`/api/plans/${plan.id}`)).body.stages[0].questions[0].answer;
    expect(answered.updatedBy).toEqual({ id: person.id, name: person.name });

    const on = await write(admin, 'patch', `/api/users/${person.id}`).send({ active: true, version: 2 });
    expect(on.body.active).toBe(true);
    expect((await signIn(t.app, person.email, testPassword)).csrf).toBeTruthy();
    expect((await log()).filter((e) => e.subject.id === person.id).map((e) => e.kind)).toEqual([
      'reactivated',
      'deactivated',
    ]);
  });

  it('the last active district admin can be neither deactivated nor demoted, even by two admins at once', async () => {
    const district = await (await import('./support/factories')).buildDistrict(t.db);
    const second = await buildUser(t.db, district.id, 'district_admin');
    const a = await signIn(t.app, district.admin.email, testPassword);
    const b = await signIn(t.app, second.email, testPassword);
    // Each demotes the other at the same moment: one of them must stay an admin.
    const [ab, ba] = await Promise.all([
      write(a, 'patch', `/api/users/${second.id}`).send({ role: 'viewer', version: 1 }),
      write(b, 'patch', `/api/users/${district.admin.id}`).send({ role: 'viewer', version: 1 }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 409]);
    const refused = ab.status === 409 ? ab : ba;
    expect(refused.body.detail).toMatch(/at least one active district administrator/);
    const admins = (await people(a)).filter((p) => p.role === 'district_admin');
    expect(admins.filter((p) => p.active)).toHaveLength(1);
    const [last] = admins;
    const self = last!.id === district.admin.id ? a : b;
    const selfOff = await write(self, 'patch', `/api/users/${last!.id}`).send({
      active: false,
      version: last!.version,
    });
    expect(selfOff.status).toBe(409);
  });

  it('principals and viewers cannot change people; another district cannot touch them', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    for (const who of [principal, viewer]) {
      expect(
        (await write(who, 'patch', `/api/users/${person.id}`).send({ role: 'principal', version: 1 })).status,
      ).toBe(403);
    }
    const foreign = await write(otherAdmin, 'patch', `/api/users/${person.id}`).send({ active: false, version: 1 });
    expect(foreign.status).toBe(404);
    expect((await personOf(person.id)).active).toBe(true);
    expect(
      (await otherAdmin.agent.get('/api/people/log')).body.events.map((e: PeopleEvent) => e.subject.id),
    ).not.toContain(person.id);
    expect((await viewer.agent.get('/api/people/log')).status).toBe(403);
  });

  it('a deactivated principal no longer counts as the principal of their school', async () => {
    const school = await buildSchool(t.db, lakeview);
    const lone = await buildUser(t.db, lakeview.id, 'principal');
    await write(admin, 'patch', `/api/users/${lone.id}`).send({ schoolIds: [school.id], version: 1 });
    const { plan } = await buildPlan(t.db, lakeview);
    await buildRoleInReview(t.db, lakeview, plan.id, { schoolIds: [school.id] });
    await write(admin, 'patch', `/api/users/${lone.id}`).send({ active: false, version: 2 });
    const listed = (await admin.agent.get(`/api/schools/${school.id}`)).body as School;
    expect(listed.principals).toEqual([]);
  });
});
