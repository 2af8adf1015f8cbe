import { overdueSince } from '@planner/shared/action-due';
import { formatDate, todayIso } from '@planner/shared/format';
import { nextReadingDue } from '@planner/shared/measure';
import { actionLink } from '@planner/shared/notification';
import type { Executor } from '../db/knex';
import { timeZonesOf } from '../features/district-settings/service';
import { firstReadingCountedFrom, measureOfPlan, measuresOf } from '../features/measures/service';
import { notify } from '../features/notifications/service';
import type { NotificationRow } from '../features/notifications/repo';
import { actionOfPlan, findPlan, listActivePlans, loadPlanCore } from '../features/plans/service';

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Reminds the owners of the actions of active plans that are overdue or due within 7 days, and the
 * people responsible for measures whose next reading is due. Each reminder has an identity (the item and
 * its date), so however often and by however many processes this runs, a person gets it once.
 */
export async function remindDue(db: Executor, now = new Date()): Promise<void> {
  const plans = await listActivePlans(db);
  const timeZones = await timeZonesOf(
    db,
    plans.map((p) => p.district_id),
  );
  for (const plan of plans) {
    // The district's own day: an action due on the 10th is overdue once the 10th is over where the district is.
    const today = todayIso(timeZones.get(plan.district_id)!, now);
    const core = await loadPlanCore(db, plan.district_id, plan.id);
    for (const stage of core.stages) {
      for (const action of stage.actions) {
        if (!action.ownerUserId || !action.dueDate || action.notApplicable || action.status === 'done') continue;
        const overdue = action.dueDate < today;
        if (!overdue && action.dueDate > addDays(today, 7)) continue;
        await notify(db, {
          districtId: plan.district_id,
          recipients: [action.ownerUserId],
          kind: 'action_due',
          planId: plan.id,
          title: overdue
            ? `Overdue since ${formatDate(overdueSince(action.dueDate))}: “${action.text}”`
            : `Due on ${formatDate(action.dueDate)}: “${action.text}”`,
          body: `${plan.title}, stage ${stage.order}: ${stage.title}.`,
          link: actionLink(plan.id, stage.key, action.id),
          dedupeKey: `${overdue ? 'action-overdue' : 'action-due-soon'}:${action.id}:${action.dueDate}`,
        });
      }
    }
    for (const measure of await measuresOf(db, plan.district_id, plan.id)) {
      const due = nextReadingDue(measure, firstReadingCountedFrom(plan));
      if (!measure.ownerUserId || !due || due > today) continue;
      await notify(db, {
        districtId: plan.district_id,
        recipients: [measure.ownerUserId],
        kind: 'reading_due',
        planId: plan.id,
        title: `A reading of “${measure.name}” is due (since ${formatDate(due)})`,
        body: `${plan.title}: it is collected ${measure.frequency === 'semester' ? 'each semester' : measure.frequency}.`,
        link: `/plans/${plan.id}/measures/${measure.id}`,
        dedupeKey: `reading-due:${measure.id}:${due}`,
      });
    }
  }
}

/**
 * Whether a reminder remindDue made still holds, asked before its email goes (its identity names the item and
 * the date): the action still the person's, due that day, applicable and not done; the measure still theirs,
 * its next reading due by that date; the plan still active.
 */
export async function reminderHolds(
  db: Executor,
  reminder: Pick<NotificationRow, 'kind' | 'district_id' | 'plan_id' | 'user_id' | 'dedupe_key'>,
): Promise<boolean> {
  const [, itemId, date] = reminder.dedupe_key?.split(':') ?? [];
  const plan = reminder.plan_id ? await findPlan(db, reminder.district_id, reminder.plan_id) : undefined;
  if (!itemId || !date || plan?.status !== 'active') return false;
  if (reminder.kind === 'reading_due') {
    const measure = await measureOfPlan(db, plan.district_id, plan.id, itemId);
    const due = measure && nextReadingDue(measure, firstReadingCountedFrom(plan));
    return measure?.ownerUserId === reminder.user_id && !!due && due <= date;
  }
  const action = await actionOfPlan(db, plan.district_id, plan.id, itemId);
  return (
    action?.ownerUserId === reminder.user_id &&
    action.dueDate === date &&
    !action.notApplicable &&
    action.status !== 'done'
  );
}
