import request from 'supertest';
import { problemSchema } from '@planner/shared/problem';
import { stageTableNames } from '@planner/shared/stage-tables';
import * as comments from '../../src/features/comments/service';
import * as missteps from '../../src/features/missteps/service';
import type { Db } from '../../src/db/knex';
import {
  buildDistrict,
  buildInvitation,
  buildPlan,
  buildReading,
  buildRoleInReview,
  buildRow,
  buildSchool,
  buildStakeholderInput,
  signedInUserOf,
  testPassword,
  type TestDistrict,
} from '../support/factories';
import { openScratchDatabase } from '../support/test-database';
import { appOn, signIn, type SignedInAgent } from '../support/test-app';
import {
  Picker,
  badIds,
  bodyMutations,
  queryMutations,
  seededRandom,
  validValue,
  type Ids,
  type JsonSchema,
} from './inputs';

/**
 * Walks every operation of /api/openapi.json and sends it, from a fixed seed, valid and broken input
 * generated from its schemas, signed out and as each role, with real ids of two districts. Every answer
 * must be below 500, a status the document lists for the operation, problem+json when it is an error (the
 * test app holds successes to their declared schemas), and an answer that refused changes nothing in the
 * database. FUZZ_RUNS sets the requests per operation (npm run fuzz -- --runs N); FUZZ_SEED the seed.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 4);
const seed = Number(process.env.FUZZ_SEED ?? 20261128);

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, unknown>;
}

let db: Db;
let drop: () => Promise<void>;
let app: ReturnType<typeof appOn>['app'];
let planDocuments: ReturnType<typeof appOn>['planDocuments'];
const districts: TestDistrict[] = [];

async function populate(district: TestDistrict): Promise<void> {
  const { plan, customActionId } = await buildPlan(db, district);
  for (const name of stageTableNames.slice(0, 4)) await buildRow(db, district, plan.id, name);
  const measure = await buildRow(db, district, plan.id, 'measures');
  await buildReading(db, district, plan.id, measure.id);
  await buildRoleInReview(db, district, plan.id);
  await missteps.addStarters(db, signedInUserOf(district), plan.id, { stageKey: 'build' });
  await buildStakeholderInput(db, district, plan.id);
  await buildSchool(db, district);
  await buildInvitation(db, district);
  await comments.createComment(db, signedInUserOf(district), plan.id, {
    subject: { kind: 'action', id: customActionId },
    body: 'Who leads this?',
    mentions: [],
  });
}

/** Real ids of both districts by the path parameter that takes them. */
async function realIds(): Promise<Ids> {
  const ids = (table: string, column = 'id') => db(table).pluck(column) as Promise<string[]>;
  return {
    planId: await ids('plans'),
    actionId: await ids('plan_actions'),
    roleId: await ids('plan_roles'),
    misstepId: await ids('plan_missteps'),
    factor: ['reach', 'authority_accountability'],
    rowId: [...(await ids('plan_priorities')), ...(await ids('plan_measures'))],
    readingId: await ids('plan_measure_readings'),
    commentId: await ids('comments'),
    schoolId: await ids('schools'),
    userId: await ids('users'),
    invitationId: await ids('invitations'),
    stakeholderId: await ids('plan_stakeholders'),
    inputId: await ids('plan_stakeholder_inputs'),
    changeId: (await db('plan_changes').limit(20).pluck('id')).map(String),
    questionKey: ['design.q1', 'context.q2', ...(await ids('plan_questions', 'key')).slice(0, 5)],
    token: ['a'.repeat(43), 'expired-or-made-up-token'],
  };
}

/**
 * Everything a district keeps, as one text per table: equal before and after means nothing changed. The
 * sessions and the counters of sign-in attempts and share-link openings change on refused requests too.
 */
async function fingerprint(): Promise<string> {
  const { rows } = (await db.raw(
    `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'
       and table_name not in ('sessions', 'login_rate_limits', 'share_link_open_limits', 'knex_migrations',
         'knex_migrations_lock') order by 1`,
  )) as { rows: { table_name: string }[] };
  const parts = rows.map(
    (r) =>
      `select '${r.table_name}' || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as part from "${r.table_name}" t`,
  );
  const result = (await db.raw(`select string_agg(part, ',') as all from (${parts.join(' union all ')}) s`)) as {
    rows: { all: string }[];
  };
  return result.rows[0]!.all;
}

beforeAll(async () => {
  ({ db, drop } = await openScratchDatabase());
  ({ app, planDocuments } = appOn(db));
  districts.push(await buildDistrict(db), await buildDistrict(db));
  for (const district of districts) await populate(district);
}, 120_000);
afterAll(() => planDocuments.settled().then(drop));

it(`answers every operation of the API document, valid or broken, as it says (${runs} requests each, seed ${seed})`, async () => {
  const document = (await request(app).get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const components = document.components.schemas;
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, method: method as Operation['method'], path })),
  );
  const ids = await realIds();
  const pick = new Picker(seededRandom(seed));
  const [lakeview, hillcrest] = districts as [TestDistrict, TestDistrict];
  const people: Record<string, { email: string }> = {
    'a Lakeview admin': lakeview.admin,
    'a Lakeview principal': lakeview.principal,
    'a Lakeview viewer': lakeview.viewer,
    'a Hillcrest admin': hillcrest.admin,
  };
  const sessions: Record<string, SignedInAgent | undefined> = {};
  const signInAs = async (who: string) => {
    sessions[who] = await signIn(app, people[who]!.email, testPassword).catch(() => undefined);
  };
  for (const who of Object.keys(people)) await signInAs(who);
  const identities = ['signed out', ...Object.keys(people)];

  const tried: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let before = await fingerprint();

  for (const op of operations) {
    for (let run = 0; run < runs; run += 1) {
      const who = identities[(run + operations.indexOf(op)) % identities.length]!;
      const broken = run % 2 === 1;
      const what: string[] = [];
      let path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (broken && pick.chance(0.3)) {
          what.push('a bad id');
          return encodeURIComponent(pick.one(badIds));
        }
        return encodeURIComponent(pick.one(ids[name] ?? badIds));
      });
      const query = op.parameters
        .filter((p) => p.in === 'query' && (p.required || pick.chance(0.5)))
        .map((p) => `${p.name}=${encodeURIComponent(String(validValue(p.schema, components, pick, ids)))}`);
      if (broken && pick.chance(0.3)) {
        what.push('a bad query string');
        query.push(pick.one(queryMutations)(pick));
      }
      if (query.length > 0) path += `?${query.join('&')}`;

      const session = who === 'signed out' ? undefined : sessions[who];
      const agent = session?.agent ?? request.agent(app);
      let req = agent[op.method](path);
      if (op.method !== 'get' && session && !(broken && pick.chance(0.1))) req = req.set('X-CSRF-Token', session.csrf);
      const bodySchema = op.requestBody?.content['application/json'].schema;
      if (bodySchema) {
        const valid = validValue(bodySchema, components, pick, ids);
        if (broken) {
          const [name, mutate] = pick.one(Object.entries(bodyMutations));
          what.push(name);
          req = req.set('Content-Type', 'application/json').send(mutate(valid, pick));
        } else {
          req = req.send(valid as object);
        }
      } else if (broken && pick.chance(0.2)) {
        what.push('a body that is not JSON');
        req = req.set('Content-Type', 'text/plain').send('hello');
      }
      const key = `${broken ? 'broken' : 'valid'}: ${what.join(', ') || 'as generated'}`;
      tried[key] = (tried[key] ?? 0) + 1;

      const res = await req;
      // A plan load stores the document it built once it has answered: that change is its own, not the next request's.
      await planDocuments.settled();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const where = `${op.method.toUpperCase()} ${path.slice(0, 120)} as ${who} (${key}) answered ${res.status}`;
      if (res.status >= 500) failures.push(`${where}: a server error: ${res.text.slice(0, 200)}`);
      if (!op.responses[String(res.status)]) failures.push(`${where}, a status the document does not list`);
      if (res.status >= 400 && op.path !== '/api/health') {
        if (!/application\/problem\+json/.test(String(res.headers['content-type']))) {
          failures.push(`${where} without problem+json`);
        } else if (!problemSchema.safeParse(res.body).success) {
          failures.push(`${where} with a body that is not a problem: ${res.text.slice(0, 200)}`);
        }
      }
      const after = await fingerprint();
      if (res.status >= 400 && after !== before) {
        const changed = after.split(',').filter((part) => !before.split(',').includes(part));
        failures.push(`${where}, and yet the database changed: ${changed.map((p) => p.split(':')[0]).join(', ')}`);
      }
      before = after;
      // A valid sign-out, password change or deactivation ends a session: sign in again to keep probing.
      if (session && res.status < 400 && op.method !== 'get') {
        const me = await session.agent.get('/api/auth/me');
        if (me.status !== 200) {
          await signInAs(who);
          before = await fingerprint();
        }
      }
    }
  }

  console.log(
    [
      `Fuzzed ${operations.length} operations × ${runs} requests (seed ${seed}).`,
      `Answers by status: ${JSON.stringify(statuses)}`,
      `What was tried: ${JSON.stringify(tried, null, 1)}`,
      `Found: ${failures.length === 0 ? 'nothing' : `${failures.length} problems`}`,
    ].join('\n'),
  );
  expect(failures).toEqual([]);
}, 600_000);
