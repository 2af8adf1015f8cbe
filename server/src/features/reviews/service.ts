import type { InboxItem } from '@planner/shared/role';
import type { Executor } from '../../db/knex';
import type { SignedInUser } from '../../http/auth';
import { plansOfDistrict } from '../plans/service';
import { reviewQueueOf } from '../roles/service';

/**
 * A principal's inbox: the roles of their schools waiting for their decision, with the plan each is in.
 * An archived plan's roles wait for no one: it takes no decisions.
 */
export async function inboxOf(db: Executor, user: SignedInUser): Promise<InboxItem[]> {
  const queue = await reviewQueueOf(db, user);
  if (queue.length === 0) return [];
  // Only the titles: the plans' rows, without counting their progress.
  const plans = await plansOfDistrict(db, user.districtId);
  const titles = new Map(plans.filter((p) => p.status !== 'archived').map((p) => [p.id, p.title]));
  return queue.flatMap((item) => {
    const planTitle = titles.get(item.planId);
    return planTitle === undefined ? [] : [{ ...item, planTitle }];
  });
}
