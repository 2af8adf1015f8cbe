import request from 'supertest';
import { signIn, startTestApp, type TestApp } from './support/test-app';
import { buildDistrict, testPassword, type TestDistrict } from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;

beforeAll(async () => {
  t = await startTestApp();
  [lakeview, hillcrest] = await Promise.all([buildDistrict(t.db), buildDistrict(t.db)]);
});
afterAll(() => t.close());

describe('schools', () => {
  it("lists only the signed-in user's district's schools, with their principals", async () => {
    const { agent } = await signIn(t.app, lakeview.viewer.email, testPassword);
    const res = await agent.get('/api/schools');
    expect(res.status).toBe(200);
    expect(res.body.schools.map((s: { id: string }) => s.id).sort()).toEqual(lakeview.schools.map((s) => s.id).sort());
    const led = res.body.schools.filter((s: { principals: unknown[] }) => s.principals.length > 0);
    expect(led).toHaveLength(2);
    expect(led[0].principals).toEqual([{ id: lakeview.principal.id, name: lakeview.principal.name }]);
  });

  it('when a Hillcrest admin asks for a Lakeview school, then it answers 404 exactly as for a missing one', async () => {
    const { agent } = await signIn(t.app, hillcrest.admin.email, testPassword);
    const other = await agent.get(`/api/schools/${lakeview.schools[0]!.id}`);
    const missing = await agent.get('/api/schools/00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
    expect(strip(other.body)).toEqual(strip(missing.body));
  });

  it('when the school id is not a UUID, then it answers 400 naming schoolId', async () => {
    const { agent } = await signIn(t.app, lakeview.admin.email, testPassword);
    const res = await agent.get('/api/schools/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ in: 'params', field: 'schoolId', message: 'must be a school id (a UUID)' }]);
  });

  it('when signed out, then it answers 401', async () => {
    expect((await request(t.app).get('/api/schools')).status).toBe(401);
  });
});
