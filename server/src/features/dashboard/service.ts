import { buildDashboard, type Dashboard } from '@planner/shared/dashboard';
import type { Executor } from '../../db/knex';
import { fundingOf } from '../budget/service';
import { measuresOf } from '../measures/service';
import { loadPlanCore } from '../plans/service';
import { roleCostsOf } from '../roles/service';
import { listUsers } from '../users/service';

/** Where the plan stands, from one consistent reading of it: progress, actions, measures and cost. */
export async function dashboardOf(
  db: Executor,
  districtId: string,
  planId: string,
  /** YYYY-MM-DD: the reader's, or the district's day. */
  today: string,
): Promise<Dashboard> {
  return db.transaction(
    async (trx) => {
      const plan = await loadPlanCore(trx, districtId, planId);
      const measures = await measuresOf(trx, districtId, planId);
      const fundingSources = await fundingOf(trx, districtId, planId);
      const roles = await roleCostsOf(trx, districtId, planId);
      const users = await listUsers(trx, districtId);
      return buildDashboard({
        plan: { ...plan, tables: { measures, fundingSources } },
        roles,
        users,
        today,
      });
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
