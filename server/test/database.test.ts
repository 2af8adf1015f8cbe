import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/knex';
import { migrateToLatest, migrationSource } from '../src/db/migrations';
import { isoDateTimeSql, toIsoDateTime } from '../src/db/values';
import { findSignInSettingsForEmail } from '../src/features/users/service';
import { startTestApp, type TestApp } from './support/test-app';
import * as plans from '../src/features/plans/service';
import * as roles from '../src/features/roles/service';
import {
  buildDistrict,
  buildPlan,
  buildRole,
  buildRoleInReview,
  buildRow,
  signedInUserOf,
  type TestDistrict,
} from './support/factories';
import { openScratchDatabase } from './support/test-database';

/** What the database keeps true by itself, whatever the code above it does, and how migration 006 moved the data. */

let t: TestApp;
let lakeview: TestDistrict;

beforeAll(async () => {
  t = await startTestApp();
  lakeview = await buildDistrict(t.db);
});
afterAll(() => t.close());

const violation = async (write: Promise<unknown>) => {
  try {
    await write;
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? 'unknown';
  }
};

describe("a role's links", () => {
  it('cannot point at a priority or measure of another plan, even when written straight to the table', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const { plan: other } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id);
    const foreignPriority = await buildRow(t.db, lakeview, other.id, 'priorities');
    const foreignMeasure = await buildRow(t.db, lakeview, other.id, 'measures');
    const link = { district_id: lakeview.id, plan_id: plan.id, role_id: role.id, position: 1 };
    expect(await violation(t.db('plan_role_priorities').insert({ ...link, priority_id: foreignPriority.id }))).toBe(
      '23503',
    );
    expect(await violation(t.db('plan_role_measures').insert({ ...link, measure_id: foreignMeasure.id }))).toBe(
      '23503',
    );
  });

  it('go when the priority, the measure or the role goes', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const priority = await buildRow(t.db, lakeview, plan.id, 'priorities');
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    const role = await buildRole(t.db, lakeview, plan.id, { priorityIds: [priority.id], measureIds: [measure.id] });
    const count = async (table: string) =>
      Number((await t.db(table).count('* as n').where({ role_id: role.id }).first())!.n);
    expect([await count('plan_role_priorities'), await count('plan_role_measures')]).toEqual([1, 1]);
    await t.db('plan_priorities').where({ id: priority.id }).delete();
    expect(await count('plan_role_priorities')).toBe(0);
    await t.db('plan_roles').where({ id: role.id }).delete();
    expect(await count('plan_role_measures')).toBe(0);
  });
});

describe('migration 006', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it("moves roles' priority and measure ids into link tables in their order, renames duplicate plans and makes reach unknown", async () => {
    const db = scratch.db;
    for (let i = 0; i < 5; i += 1) await db.migrate.up({ migrationSource });
    const [district] = (await db('districts').insert({ name: 'Old district' }).returning('id')) as { id: string }[];
    const districtId = district!.id;
    const plan = async (title: string) =>
      (
        (await db('plans').insert({ district_id: districtId, title, school_year: '2026-27' }).returning('id')) as {
          id: string;
        }[]
      )[0]!.id;
    const planId = await plan('Plan');
    const duplicateId = await plan('plan');
    const otherPlanId = await plan('Other');
    const row = async (table: string, planOf: string, values: Record<string, unknown>) =>
      (
        (await db(table)
          .insert({ district_id: districtId, plan_id: planOf, ...values })
          .returning('id')) as {
          id: string;
        }[]
      )[0]!.id;
    const p1 = await row('plan_priorities', planId, { title: 'First' });
    const p2 = await row('plan_priorities', planId, { title: 'Second' });
    const foreign = await row('plan_priorities', otherPlanId, { title: 'Of another plan' });
    const m1 = await row('plan_measures', planId, { name: 'Growth', term: 'long' });
    const roleId = await row('plan_roles', planId, {
      title: 'Coach',
      kind: 'other',
      priority_ids: db.raw('?::uuid[]', [[p2, foreign, p1]]),
      measure_ids: db.raw('?::uuid[]', [[m1, randomUUID()]]),
      reach_students: 0,
      reach_teachers: 6,
    });

    await migrateToLatest(db);

    const links = async (table: string, column: string) =>
      (await db(table).select(column).where({ role_id: roleId }).orderBy('position')).map(
        (r: Record<string, string>) => r[column],
      );
    expect(await links('plan_role_priorities', 'priority_id')).toEqual([p2, p1]);
    expect(await links('plan_role_measures', 'measure_id')).toEqual([m1]);
    expect(await db.schema.hasColumn('plan_roles', 'priority_ids')).toBe(false);
    const role = (await db('plan_roles').where({ id: roleId }).first()) as Record<string, unknown>;
    expect([role.reach_students, role.reach_teachers]).toEqual([null, 6]);
    const titles = (await db('plans').select('id', 'title').where({ district_id: districtId })) as {
      id: string;
      title: string;
    }[];
    expect(titles.find((p) => p.id === duplicateId)!.title).toBe('plan (2)');
    expect(titles.find((p) => p.id === planId)!.title).toBe('Plan');
  });
});

describe('migration 028', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it('revokes the open invitations of senders no longer active administrators, saying why in the log; the rest stay', async () => {
    const db = scratch.db;
    for (let i = 0; i < 27; i += 1) await db.migrate.up({ migrationSource });
    const [district] = (await db('districts').insert({ name: 'Old district' }).returning('id')) as { id: string }[];
    const districtId = district!.id;
    const person = async (name: string, role: string, deactivated = false) =>
      (
        (await db('users')
          .insert({
            district_id: districtId,
            email: `${randomUUID()}@old.test`,
            name,
            role,
            password_hash: '',
            deactivated_at: deactivated ? new Date() : null,
          })
          .returning('id')) as { id: string }[]
      )[0]!.id;
    const invitation = async (invitedBy: string, name: string, opened: Record<string, unknown> = {}) =>
      (
        (await db('invitations')
          .insert({
            district_id: districtId,
            email: `${randomUUID()}@old.test`,
            name,
            role: 'district_admin',
            token_hash: randomUUID(),
            expires_at: new Date(Date.now() + 86_400_000),
            invited_by: invitedBy,
            ...opened,
          })
          .returning('id')) as { id: string }[]
      )[0]!.id;
    const active = await person('Ada Active', 'district_admin');
    const gone = await person('Gil Gone', 'district_admin', true);
    const demoted = await person('Dee Demoted', 'viewer');
    const kept = await invitation(active, 'Kept');
    const ofGone = await invitation(gone, 'Of Gil');
    const ofDemoted = await invitation(demoted, 'Of Dee');
    const accepted = await invitation(gone, 'Accepted', { accepted_at: new Date() });

    await migrateToLatest(db);

    const revokedAt = async (id: string) =>
      ((await db('invitations').where({ id }).first('revoked_at')) as { revoked_at: Date | null }).revoked_at;
    expect(await revokedAt(kept)).toBeNull();
    expect(await revokedAt(accepted)).toBeNull();
    expect(await revokedAt(ofGone)).not.toBeNull();
    expect(await revokedAt(ofDemoted)).not.toBeNull();
    const lines = await db('people_events')
      .where({ district_id: districtId, kind: 'invitation_revoked' })
      .orderBy('subject_name')
      .select('actor_id', 'subject_name', 'note');
    expect(lines).toEqual([
      {
        actor_id: null,
        subject_name: 'Of Dee',
        note: 'Revoked because Dee Demoted, who sent it, is no longer a district administrator.',
      },
      { actor_id: null, subject_name: 'Of Gil', note: 'Revoked because Gil Gone, who sent it, was deactivated.' },
    ]);
  });
});

describe('migration 029', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it("ties earlier comments' notifications to their comments: a deleted one's words leave them, an edited one's are the new", async () => {
    const db = scratch.db;
    for (let i = 0; i < 28; i += 1) await db.migrate.up({ migrationSource });
    const [district] = (await db('districts').insert({ name: 'Old district' }).returning('id')) as { id: string }[];
    const districtId = district!.id;
    const [user] = (await db('users')
      .insert({
        district_id: districtId,
        email: `${randomUUID()}@old.test`,
        name: 'Ann',
        role: 'viewer',
        password_hash: '',
      })
      .returning('id')) as { id: string }[];
    const [plan] = (await db('plans')
      .insert({ district_id: districtId, title: 'Plan', school_year: '2025-26' })
      .returning('id')) as { id: string }[];
    const planId = plan!.id;
    const threadId = randomUUID();
    let second = 0;
    /** A comment and its notification as one transaction made them before 026: the same now(), no comment_id. */
    const commented = async (body: string, change: Record<string, unknown> = {}, kind = 'mention') => {
      second += 1;
      const at = new Date(Date.UTC(2026, 9, 1, 12, 0, second, 123) + 0.456);
      const id = second === 1 ? threadId : randomUUID();
      await db('comments').insert({
        id,
        district_id: districtId,
        plan_id: planId,
        thread_id: threadId,
        subject_kind: 'action',
        subject_id: randomUUID(),
        stage_key: 'design',
        author_id: user!.id,
        body,
        created_at: db.raw(`?::timestamptz + interval '456 microseconds'`, [at.toISOString()]),
      });
      const [notice] = (await db('notifications')
        .insert({
          district_id: districtId,
          user_id: user!.id,
          kind,
          plan_id: planId,
          title: 'Ann mentioned you',
          body,
          link: `/plans/${planId}/comments?thread=${threadId}`,
          email: 'digest',
          created_at: db.raw(`?::timestamptz + interval '456 microseconds'`, [at.toISOString()]),
        })
        .returning('id')) as { id: string }[];
      if (Object.keys(change).length > 0) await db('comments').where({ id }).update(change);
      return { commentId: id, noticeId: notice!.id };
    };
    const kept = await commented('Kept as it is');
    const deleted = await commented('Private words, since deleted', { body: '', deleted_at: new Date() });
    const edited = await commented('Frist words', { body: 'First words', edited_at: new Date() });
    const long = await commented('x', { body: 'y'.repeat(250), edited_at: new Date() });
    const otherKind = await commented('A review', { body: '', deleted_at: new Date() }, 'role_decided');

    await migrateToLatest(db);

    const notice = async (id: string) =>
      (await db('notifications').where({ id }).first('comment_id', 'body', 'email')) as Record<string, unknown>;
    expect(await notice(kept.noticeId)).toEqual({ comment_id: kept.commentId, body: 'Kept as it is', email: 'digest' });
    expect(await notice(deleted.noticeId)).toEqual({
      comment_id: deleted.commentId,
      body: 'This comment was deleted.',
      email: 'none',
    });
    expect(await notice(edited.noticeId)).toEqual({
      comment_id: edited.commentId,
      body: 'First words',
      email: 'digest',
    });
    expect((await notice(long.noticeId)).body).toBe(`${'y'.repeat(199)}…`);
    expect(await notice(otherKind.noticeId)).toEqual({ comment_id: null, body: 'A review', email: 'digest' });
  });
});

describe('migration 037', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase();
  });
  afterAll(() => scratch.drop());

  it("records the schools each earlier decision stands for, in an archived plan too, writing nothing in the plan's history", async () => {
    const db = scratch.db;
    const district = await buildDistrict(db);
    const { plan } = await buildPlan(db, district);
    const inReview = await buildRoleInReview(db, district, plan.id);
    await roles.reviewRole(db, signedInUserOf(district, district.principal), plan.id, inReview.id, {
      decision: 'approve',
      comment: '',
      version: inReview.version,
      round: inReview.round,
    });
    const { version } = (await db('plans').where({ id: plan.id }).first('version')) as { version: number };
    await plans.updatePlan(db, signedInUserOf(district), plan.id, { status: 'archived', version });
    // Back to before 037 (the later ones go first), then up again: the archived plan's review is filled in.
    const from037 = (await migrationSource.getMigrations([])).filter((name) => name >= '037');
    for (let i = 0; i < from037.length; i += 1) await db.migrate.down({ migrationSource });
    const changes = async () => Number((await db('plan_changes').count('* as n').first())!.n);
    const before = await changes();
    await migrateToLatest(db);

    const led = district.schools.slice(0, 2).map((s) => s.id);
    const reviews = (await db('role_reviews').where({ role_id: inReview.id }).select('school_ids')) as {
      school_ids: string[];
    }[];
    expect(reviews.map((r) => [...r.school_ids].sort())).toEqual([[...led].sort()]);
    expect(await changes()).toBe(before);
  });
});

describe('migration 039', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it("finds the item's writer each earlier comment told, from its notifications, in an archived plan too", async () => {
    const db = scratch.db;
    for (let i = 0; i < 38; i += 1) await db.migrate.up({ migrationSource });
    const [district] = (await db('districts').insert({ name: 'Old district' }).returning('id')) as { id: string }[];
    const districtId = district!.id;
    const person = async (name: string) =>
      (
        (await db('users')
          .insert({
            district_id: districtId,
            email: `${randomUUID()}@old.test`,
            name,
            role: 'viewer',
            password_hash: '',
          })
          .returning('id')) as { id: string }[]
      )[0]!.id;
    const [ann, bo, wes] = [await person('Ann'), await person('Bo'), await person('Wes')];
    const [plan] = (await db('plans')
      .insert({ district_id: districtId, title: 'Plan', school_year: '2025-26' })
      .returning('id')) as { id: string }[];
    const planId = plan!.id;
    const threadId = randomUUID();
    let second = 0;
    /** A comment of the thread by `author` and what it told each person (`kind` per person). */
    const commented = async (author: string, told: Record<string, string>) => {
      second += 1;
      const id = second === 1 ? threadId : randomUUID();
      await db('comments').insert({
        id,
        district_id: districtId,
        plan_id: planId,
        thread_id: threadId,
        subject_kind: 'measure',
        subject_id: randomUUID(),
        stage_key: 'define',
        author_id: author,
        body: 'Words',
        created_at: new Date(Date.UTC(2026, 9, 1, 12, 0, second)),
      });
      for (const [userId, kind] of Object.entries(told)) {
        await db('notifications').insert({
          district_id: districtId,
          user_id: userId,
          kind,
          plan_id: planId,
          title: 'Told',
          body: 'Words',
          link: `/plans/${planId}/comments?thread=${threadId}`,
          comment_id: id,
        });
      }
      return id;
    };
    const first = await commented(ann, { [wes]: 'comment' });
    // Ann, who wrote in the thread before, is told too: she is not the item's writer.
    const reply = await commented(bo, { [ann]: 'comment', [wes]: 'comment' });
    const naming = await commented(ann, { [wes]: 'mention', [bo]: 'comment' });
    await db('plans').where({ id: planId }).update({ status: 'archived' });

    await migrateToLatest(db);

    const writers = await db('comments').where({ thread_id: threadId }).select('id', 'subject_written_by');
    expect(Object.fromEntries(writers.map((c) => [c.id, c.subject_written_by]))).toEqual({
      [first]: wes,
      [reply]: wes,
      [naming]: null,
    });
    expect(await violation(db('comments').where({ id: first }).update({ body: 'Changed' }))).toBe('PA001');
  });
});

describe('migration 040', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it("gives each earlier measure the direction its baseline and target say, none when they are equal or missing, in an archived plan too, writing nothing in the plan's history", async () => {
    const db = scratch.db;
    for (let i = 0; i < 39; i += 1) await db.migrate.up({ migrationSource });
    const [district] = (await db('districts').insert({ name: 'Old district' }).returning('id')) as { id: string }[];
    const districtId = district!.id;
    const [plan] = (await db('plans')
      .insert({ district_id: districtId, title: 'Plan', school_year: '2025-26' })
      .returning('id')) as { id: string }[];
    const planId = plan!.id;
    const measure = async (name: string, baseline: number | null, target: number | null) =>
      (
        (await db('plan_measures')
          .insert({ district_id: districtId, plan_id: planId, name, term: 'long', baseline, target })
          .returning('id')) as { id: string }[]
      )[0]!.id;
    const ids = {
      raise: await measure('Reading on grade level', 48, 65),
      reduce: await measure('Chronic absence', 20, 10),
      keep: await measure('Teacher turnover', 12, 12),
      noTarget: await measure('PLC meetings', 4, null),
      noBaseline: await measure('Coaching cycles', null, 30),
    };
    await db('plans').where({ id: planId }).update({ status: 'archived' });
    const changes = async () => Number((await db('plan_changes').count('* as n').first())!.n);
    const before = await changes();

    await migrateToLatest(db);

    const rows = (await db('plan_measures').where({ plan_id: planId }).select('id', 'direction', 'version')) as {
      id: string;
      direction: string | null;
      version: number;
    }[];
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.direction]));
    expect(Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, byId[id]]))).toEqual({
      raise: 'higher',
      reduce: 'lower',
      keep: null,
      noTarget: null,
      noBaseline: null,
    });
    expect(rows.map((r) => r.version)).toEqual([1, 1, 1, 1, 1]);
    expect(await changes()).toBe(before);
    expect(await violation(db('plan_measures').where({ id: ids.keep }).update({ direction: 'lower' }))).toBe('PA001');
    expect(await violation(db('plan_measures').where({ id: ids.raise }).update({ direction: 'up' }))).not.toBeNull();
  });
});

describe('migrations 041 and 043', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it("going down, fills a blank role's undecided fields with the old defaults, in an archived plan too, writing nothing in the plan's history", async () => {
    const db = scratch.db;
    await migrateToLatest(db);
    const district = await buildDistrict(db);
    const { plan } = await buildPlan(db, district);
    const role = await buildRole(db, district, plan.id, { archetype: undefined, title: 'Blank role' });
    const { version } = (await db('plans').where({ id: plan.id }).first('version')) as { version: number };
    await plans.updatePlan(db, signedInUserOf(district), plan.id, { status: 'archived', version });
    const changes = async () => Number((await db('plan_changes').count('* as n').first())!.n);
    const before = await changes();

    const from041 = (await migrationSource.getMigrations([])).filter((name) => name >= '041');
    for (let i = 0; i < from041.length; i += 1) await db.migrate.down({ migrationSource });

    expect(
      await db('plan_roles')
        .where({ id: role.id })
        .first(
          'release_percent',
          'stipend_cents',
          'pay_funding',
          'developed_jointly',
          'pay_kind',
          'evaluates_staff',
          'supervises_staff',
        ),
    ).toEqual({
      release_percent: 0,
      stipend_cents: '0',
      pay_funding: 'recurring',
      developed_jointly: false,
      pay_kind: 'stipend',
      evaluates_staff: false,
      supervises_staff: false,
    });
    expect(await changes()).toBe(before);
    await migrateToLatest(db);
  });
});

describe('migration 031', () => {
  let scratch: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await openScratchDatabase({ migrate: false });
  });
  afterAll(() => scratch.drop());

  it('keeps the domains claimed before it as verified, so their people still sign in through the provider', async () => {
    const db = scratch.db;
    for (let i = 0; i < 30; i += 1) await db.migrate.up({ migrationSource });
    const [district] = (await db('districts').insert({ name: 'Old district' }).returning('id')) as { id: string }[];
    await db('district_sign_in').insert({
      district_id: district!.id,
      issuer: 'https://accounts.google.com',
      client_id: 'old-client',
      client_secret_encrypted: 'sealed',
    });
    await db('district_sign_in_domains').insert({ domain: 'old.test', district_id: district!.id });

    await migrateToLatest(db);

    const claim = (await db('district_sign_in_domains').where({ domain: 'old.test' }).first()) as {
      verification_token: string;
      verified_at: Date | null;
    };
    expect(claim.verified_at).toBeInstanceOf(Date);
    expect(claim.verification_token).toMatch(/^[0-9a-f]{32}$/);
    expect(await findSignInSettingsForEmail(db, 'someone@old.test')).toMatchObject({ district_id: district!.id });
    // It never had a TXT record (migration 035): the daily check does not count it missing.
    expect(await db('district_sign_in_domains').where({ domain: 'old.test' }).first('record_found_at')).toEqual({
      record_found_at: null,
    });
  });
});

describe('timestamps in JSON', () => {
  it('come out as the same instant, to the millisecond, as the rows Postgres hands back as dates', async () => {
    const read = async (timeZone: string) =>
      t.db.transaction(async (trx) => {
        await trx.raw(`select set_config('timezone', ?, true)`, [timeZone]);
        const { rows } = await trx.raw<{ rows: { at: Date; as_json: { at: string }; built: string }[] }>(
          `select at, json_build_object('at', at) as as_json, ${isoDateTimeSql('at')} as built
             from unnest(array['2026-11-28 09:59:29.123456+00', '2026-11-28 09:59:29+00', '2026-01-01 00:00:00.1+00',
                               '2026-06-30 23:59:59.999999+00', '1999-12-31 23:00:00.5+00']::timestamptz[]) at`,
        );
        return rows;
      });
    for (const timeZone of ['UTC', 'America/Chicago']) {
      const rows = await read(timeZone);
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        expect(toIsoDateTime(row.as_json.at)).toBe(row.at.toISOString());
        // And as Postgres writes it for the documents it builds itself.
        expect(row.built).toBe(row.at.toISOString());
      }
    }
  });
});
