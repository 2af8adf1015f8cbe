import { plainTableNames, stageTableNames } from '@planner/shared/stage-tables';
import type { Plan } from '@planner/shared/plan';
import { readPlanJson } from '../src/commands/load-plan';
import { documentFormat } from '../src/commands/plan-document';
import { inDistrict } from '../src/db/district-scope';
import { sqlTableOf } from '../src/features/stage-tables/columns';
import { buildPlan, buildReading, buildRow, type TestDistrict } from './support/factories';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';

/** Plan loads keep the document they build (commands/plan-document.ts, migration 019). */

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

/** Tests that hold a transaction open while another works need a second connection: the embedded database has one. */
const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

/** A plan load through the API, once the document it may have built is stored. */
async function load(planId: string, who = admin): Promise<{ status: number; text: string }> {
  const res = await who.agent.get(`/api/plans/${planId}`);
  await t.planDocuments.settled();
  return { status: res.status, text: res.text };
}

/** The plan's revision: the sum of its counters. */
async function revisionOf(planId: string): Promise<number> {
  const row = (await t.db('plan_revisions').where({ plan_id: planId }).sum('revision as revision').first()) as {
    revision: string | null;
  };
  return Number(row.revision ?? 0);
}

/** The document kept for the plan, and whether it is fresh (built at the plan's revision). */
async function kept(planId: string): Promise<{ body: string; format: string; fresh: boolean } | undefined> {
  const row = (await t.db('plan_documents').where({ plan_id: planId }).first('built_revision', 'format', 'body')) as
    { built_revision: string; format: string; body: string } | undefined;
  if (!row) return undefined;
  return { body: row.body, format: row.format, fresh: Number(row.built_revision) === (await revisionOf(planId)) };
}

/** The document built afresh from the rows as they are now. */
async function builtNow(planId: string): Promise<string> {
  return (await readPlanJson(t.db, lakeview.id, planId)).json;
}

/** A plan with a row in every table its document is built from. */
async function fullPlan(): Promise<Plan> {
  const { plan } = await buildPlan(t.db, lakeview);
  for (const name of plainTableNames) await buildRow(t.db, lakeview, plan.id, name);
  const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
  await buildReading(t.db, lakeview, plan.id, measure.id);
  const [firstQuestion] = plan.stages[0]!.questions;
  const saved = await write(admin, 'put', `/api/plans/${plan.id}/answers/${firstQuestion!.key}`).send({
    text: 'Our answer',
    version: firstQuestion!.answer.version,
  });
  expect(saved.status).toBe(200);
  return plan;
}

describe('kept plan documents', () => {
  it('a load keeps the document it built, and the next load answers the kept one', async () => {
    const plan = await fullPlan();
    const first = await load(plan.id);
    expect(first.status).toBe(200);
    expect(await kept(plan.id)).toEqual({ body: first.text, format: documentFormat, fresh: true });

    // The next load reads the kept row: a body written there by hand is what it answers.
    const byHand = JSON.stringify({ ...(JSON.parse(first.text) as Plan), title: 'Written by hand' });
    await t.db('plan_documents').where({ plan_id: plan.id }).update({ body: byHand });
    expect(await load(plan.id)).toEqual({ status: 200, text: byHand });
  });

  it('a change to any table the document is built from outdates it: the next load answers the change', async () => {
    const plan = await fullPlan();
    // Named from the app's own tables, not from the migration's list.
    const tables = [
      'plans',
      'plan_questions',
      'plan_actions',
      ...stageTableNames.map(sqlTableOf),
      'plan_measure_readings',
    ];
    for (const table of tables) {
      const before = await load(plan.id);
      expect(await kept(plan.id)).toMatchObject({ body: before.text, fresh: true });
      const changed = await t
        .db(table)
        .where(table === 'plans' ? { id: plan.id } : { plan_id: plan.id })
        .update({ version: t.db.raw('version + 1') });
      expect(changed).toBeGreaterThan(0);
      const after = await load(plan.id);
      expect({ table, text: after.text }).toEqual({ table, text: await builtNow(plan.id) });
      expect({ table, changed: after.text !== before.text }).toEqual({ table, changed: true });
    }
    // Rows removed, as by a cascade.
    await load(plan.id);
    await t.db(sqlTableOf('priorities')).where({ plan_id: plan.id }).delete();
    const afterDelete = JSON.parse((await load(plan.id)).text) as Plan;
    expect(afterDelete.tables.priorities).toEqual([]);
  });

  it('a row moved to another plan outdates the documents of both', async () => {
    const [from, to] = [await fullPlan(), await fullPlan()];
    await load(from.id);
    await load(to.id);
    const row = (await t.db(sqlTableOf('priorities')).where({ plan_id: from.id }).first('id')) as { id: string };
    await t.db(sqlTableOf('priorities')).where({ id: row.id }).update({ plan_id: to.id });
    expect(await kept(from.id)).toMatchObject({ fresh: false });
    expect(await kept(to.id)).toMatchObject({ fresh: false });
    expect((JSON.parse((await load(to.id)).text) as Plan).tables.priorities.map((r) => r.id)).toContain(row.id);
  });

  it('a transaction that changes a plan and then removes it commits, and leaves no count behind', async () => {
    const plan = await fullPlan();
    await load(plan.id);
    await t.db.transaction(async (trx) => {
      await trx('plans').where({ id: plan.id }).update({ title: 'Renamed, then removed' });
      await trx('plan_actions').where({ plan_id: plan.id }).update({ notes: 'Changed, then removed' });
      await trx('plans').where({ id: plan.id }).delete();
    });
    expect(await t.db('plans').where({ id: plan.id }).first()).toBeUndefined();
    expect(await t.db('plan_revisions').where({ plan_id: plan.id })).toEqual([]);
    expect(await kept(plan.id)).toBeUndefined();
  });

  it('a person renamed is renamed in the documents of their district’s plans', async () => {
    const plan = await fullPlan();
    await load(plan.id);
    const before = await t.db('users').where({ id: lakeview.admin.id }).first('name');
    try {
      await t.db('users').where({ id: lakeview.admin.id }).update({ name: 'Renamed Person' });
      const after = JSON.parse((await load(plan.id)).text) as Plan;
      expect(after.stages[0]!.questions[0]!.answer.updatedBy).toEqual({
        id: lakeview.admin.id,
        name: 'Renamed Person',
      });
    } finally {
      await t.db('users').where({ id: lakeview.admin.id }).update({ name: before.name });
    }
  });

  it("a district's new time zone outdates its plans' documents, and no other district's", async () => {
    const plan = await fullPlan();
    const { plan: elsewhere } = await buildPlan(t.db, hillcrest);
    await load(plan.id);
    await load(elsewhere.id, otherAdmin);
    const before = await t.db('districts').where({ id: lakeview.id }).first('time_zone');
    try {
      await t
        .db('districts')
        .where({ id: lakeview.id })
        .update({ version: t.db.raw('version + 1') });
      expect(await kept(plan.id)).toMatchObject({ fresh: true });
      await t.db('districts').where({ id: lakeview.id }).update({ time_zone: 'Pacific/Honolulu' });
      expect(await kept(plan.id)).toMatchObject({ fresh: false });
      expect(await kept(elsewhere.id)).toMatchObject({ fresh: true });
      expect((await load(plan.id)).text).toBe(await builtNow(plan.id));
    } finally {
      await t.db('districts').where({ id: lakeview.id }).update({ time_zone: before.time_zone });
    }
  });

  it("a change to the roadmap's template outdates every plan's document", async () => {
    const plan = await fullPlan();
    await load(plan.id);
    const revision = await revisionOf(plan.id);
    // In a transaction undone after: the template is every test's.
    await t.db
      .transaction(async (trx) => {
        await trx('roadmap_items')
          .where({ key: 'design.q1' })
          .update({ text: trx.raw('text') });
        const inside = (await trx('plan_revisions')
          .where({ plan_id: plan.id })
          .sum('revision as revision')
          .first()) as {
          revision: string;
        };
        expect(Number(inside.revision)).toBe(revision + 1);
        throw new Error('undo');
      })
      .catch((err: Error) => expect(err.message).toBe('undo'));
  });

  it('the statement that builds a document reads no table whose changes would not outdate it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    t.db.on('query', onQuery);
    try {
      await readPlanJson(t.db, lakeview.id, plan.id);
    } finally {
      t.db.removeListener('query', onQuery);
    }
    const read = new Set(
      [...statements.join('\n').matchAll(/\b(?:from|join)\s+"?([a-z_]+)"?/gi)].map((m) => m[1]!.toLowerCase()),
    );
    const outdating = new Set(
      (
        (await t.db.raw(
          `select distinct c.relname from pg_trigger g join pg_class c on c.oid = g.tgrelid
            where g.tgname like '%outdate%document%'`,
        )) as { rows: { relname: string }[] }
      ).rows.map((r) => r.relname),
    );
    // plan_revisions is where the revision is read; the rest must each outdate the document.
    const unguarded = [...read].filter((table) => table !== 'plan_revisions' && !outdating.has(table));
    expect(unguarded).toEqual([]);
    expect(read.has('plan_questions')).toBe(true);
  });

  it('a document built before a change is not kept after it', async () => {
    const plan = await fullPlan();
    const stale = await readPlanJson(t.db, lakeview.id, plan.id);
    await t.db('plan_actions').where({ plan_id: plan.id }).update({ notes: 'Changed since the read' });
    t.planDocuments.keep({ districtId: lakeview.id, planId: plan.id, ...stale });
    await t.planDocuments.settled();
    expect(await kept(plan.id)).toBeUndefined();
    expect((await load(plan.id)).text).toContain('Changed since the read');
  });

  onPostgres('a change under way and the store of a document do not wait for each other', async () => {
    const plan = await fullPlan();
    const built = await readPlanJson(t.db, lakeview.id, plan.id);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let changing!: () => void;
    const changeStarted = new Promise<void>((resolve) => (changing = resolve));
    const change = t.db.transaction(async (trx) => {
      await trx('plan_actions').where({ plan_id: plan.id }).update({ notes: 'Being written' });
      // The revision is counted as the change commits; counted now, the change holds its counter's row.
      await trx.raw('set constraints all immediate');
      changing();
      await held;
    });
    await changeStarted;
    t.planDocuments.keep({ districtId: lakeview.id, planId: plan.id, ...built });
    // The store ends while the change is still open, and keeps the document as it was before the change.
    await t.planDocuments.settled();
    expect(await kept(plan.id)).toMatchObject({ body: built.json, fresh: true });
    release();
    await change;
    expect(await kept(plan.id)).toMatchObject({ fresh: false });
    expect((await load(plan.id)).text).toContain('Being written');
  });

  onPostgres(
    'a change counts the revision as it commits: a document built while it is under way is outdated by it',
    async () => {
      const plan = await fullPlan();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let changing!: () => void;
      const changeStarted = new Promise<void>((resolve) => (changing = resolve));
      const change = t.db.transaction(async (trx) => {
        await trx('plan_actions').where({ plan_id: plan.id }).update({ notes: 'Committed later' });
        changing();
        await held;
      });
      await changeStarted;
      // Built and kept before the change commits: it does not hold the change.
      const before = await load(plan.id);
      expect(before.text).not.toContain('Committed later');
      expect(await kept(plan.id)).toMatchObject({ body: before.text, fresh: true });
      release();
      await change;
      expect(await kept(plan.id)).toMatchObject({ fresh: false });
      expect((await load(plan.id)).text).toContain('Committed later');
    },
  );

  it('a document kept by other code (another build of the server) is built again', async () => {
    const plan = await fullPlan();
    await load(plan.id);
    await t.db('plan_documents').where({ plan_id: plan.id }).update({ body: '{"old":true}', format: 'another build' });
    const res = await load(plan.id);
    expect(res.text).toBe(await builtNow(plan.id));
    expect(await kept(plan.id)).toEqual({ format: documentFormat, body: res.text, fresh: true });
  });

  it('another district neither loads a kept document nor reads the kept row', async () => {
    const plan = await fullPlan();
    await load(plan.id);
    expect((await load(plan.id, otherAdmin)).status).toBe(404);
    const seen = await inDistrict(t.db, hillcrest.id, (trx) => trx('plan_documents').where({ plan_id: plan.id }), {
      readOnly: true,
    });
    expect(seen).toEqual([]);
    expect(await kept(plan.id)).toMatchObject({ fresh: true });
  });
});
