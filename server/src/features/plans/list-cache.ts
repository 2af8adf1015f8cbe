import type { Executor } from '../../db/knex';
import { preparedStatement } from '../../db/scoped-pg-client';
import type { SignedInUser } from '../../http/auth';
import { listPlans } from './service';

/**
 * Where a district's plans stand, in one short text: a hash of each plan's id with its revision (the sum of
 * its counters, migration 019). A plan's revision only grows while the plan exists, and its id is never
 * used again, so a change to any plan, or a plan added or removed, gives another text.
 */
const districtRevisionSql = `
  select md5(coalesce(string_agg(p.id::text || ':' || coalesce(r.revision, 0), ',' order by p.id), '')) as revision
    from plans p
    left join (select plan_id, sum(revision) as revision from plan_revisions where district_id = ? group by plan_id) r
      on r.plan_id = p.id
   where p.district_id = ?`;

/**
 * How much list text a process keeps at most, in characters (a list is about 1,000 a plan): the lists used
 * longest ago go first. A list longer than this is answered but not kept.
 */
const defaultKeptCharacters = 16 * 1024 * 1024;

/**
 * The district's plans list (GET /api/plans), as JSON text, kept in this process's memory with the district's
 * revision it was built at. Every request reads the revision, in its own transaction's snapshot: a list is
 * answered from memory only while nothing it shows has changed, whoever changed it and from whichever
 * process. Otherwise it is built again (counting every plan's progress) and kept.
 */
export class PlanListCache {
  private readonly lists = new Map<string, { revision: string; json: string }>();
  private keptCharacters = 0;

  constructor(private readonly keepAtMost = defaultKeptCharacters) {}

  async json(db: Executor, user: SignedInUser): Promise<string> {
    const { districtId } = user;
    const { rows } = (await db.raw(districtRevisionSql, [districtId, districtId]).options(preparedStatement)) as {
      rows: { revision: string }[];
    };
    const revision = rows[0]!.revision;
    const kept = this.lists.get(districtId);
    if (kept?.revision === revision) {
      // Put back last: the map's order is the order of use, oldest first.
      this.lists.delete(districtId);
      this.lists.set(districtId, kept);
      return kept.json;
    }
    const json = JSON.stringify({ plans: await listPlans(db, user) });
    this.forget(districtId);
    if (json.length <= this.keepAtMost) {
      while (this.keptCharacters + json.length > this.keepAtMost) this.forget(this.lists.keys().next().value!);
      this.lists.set(districtId, { revision, json });
      this.keptCharacters += json.length;
    }
    return json;
  }

  private forget(districtId: string): void {
    const kept = this.lists.get(districtId);
    if (!kept) return;
    this.lists.delete(districtId);
    this.keptCharacters -= kept.json.length;
  }
}
