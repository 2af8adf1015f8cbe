import type { AttentionItem, AttentionKind, NeedsAttention } from '@planner/shared/attention';
import { attentionKinds } from '@planner/shared/attention';
import { overdueSince } from '@planner/shared/action-due';
import { happeningMissteps } from '@planner/shared/misstep';
import { formatDate, todayIso } from '@planner/shared/format';
import { nextReadingDue } from '@planner/shared/measure';
import { threadLink } from '@planner/shared/notification';
import type { Executor } from '../../db/knex';
import { toIsoDateTime } from '../../db/values';
import type { SignedInUser } from '../../http/auth';
import { openMentionsOf } from '../comments/service';
import { firstReadingCountedFrom, measuresOf } from '../measures/service';
import { missteps } from '../missteps/service';
import { loadPlanCore, planOrNotFound, plansOfDistrict } from '../plans/service';
import { reviewQueueOf, rolesOf } from '../roles/service';
import { schoolsOfDistrict } from '../schools/service';
import { activityOf, namesOf } from '../users/service';

interface PlanInScope {
  id: string;
  title: string;
  school_year: string;
}

/** What a principal reviews and is asked about. */
async function reviewsWaiting(db: Executor, user: SignedInUser, plans: PlanInScope[]): Promise<AttentionItem[]> {
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  return (await reviewQueueOf(db, user))
    .filter((item) => titles.has(item.planId))
    .map((item) => ({
      kind: 'review_waiting',
      planId: item.planId,
      planTitle: titles.get(item.planId)!,
      title: item.roleTitle,
      detail: `For ${item.schools.map((s) => s.name).join(', ')}`,
      link: `/plans/${item.planId}/roles/${item.roleId}`,
      since: item.submittedAt,
    }));
}

async function mentions(db: Executor, user: SignedInUser, plans: PlanInScope[]): Promise<AttentionItem[]> {
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  return (
    await openMentionsOf(
      db,
      user,
      plans.map((p) => p.id),
    )
  ).map((m) => ({
    kind: 'mention',
    planId: m.planId,
    planTitle: titles.get(m.planId)!,
    title: m.label,
    detail: `${m.author}: ${m.body}`,
    link: threadLink(m.planId, m.threadId),
    since: m.createdAt,
  }));
}

/**
 * What an admin follows up: roles sent back, overdue actions, readings due and missteps happening, plan by
 * plan; and what waits on someone who can no longer do it: the actions and measures of a deactivated
 * person (nobody is reminded of them), and roles in review for a school without an active principal.
 */
async function followUps(db: Executor, user: SignedInUser, plans: PlanInScope[], today: string) {
  const items: AttentionItem[] = [];
  const { active, deactivatedAt: deactivations } = await activityOf(db, user.districtId);
  // Waiting since its owner was deactivated (today for an owner no longer of the district at all).
  const ownerGoneSince = (id: string) => {
    const at = deactivations.get(id);
    return at ? toIsoDateTime(at) : today;
  };
  const schools = await schoolsOfDistrict(db, user.districtId);
  for (const plan of plans) {
    const base = { planId: plan.id, planTitle: plan.title };
    const roles = await rolesOf(db, user.districtId, plan.id);
    for (const role of roles.filter((r) => r.status === 'in_review')) {
      const unled = schools.filter((s) => role.schoolIds.includes(s.id) && s.principals.length === 0);
      if (unled.length === 0) continue;
      items.push({
        ...base,
        kind: 'needs_new_owner',
        title: role.title,
        detail: `In review, but ${unled.map((s) => s.name).join(', ')} ${unled.length === 1 ? 'has' : 'have'} no active principal to review it`,
        link: `/plans/${plan.id}/roles/${role.id}`,
        since: role.submittedAt ?? role.updatedAt,
      });
    }
    for (const role of roles) {
      if (role.status !== 'changes_requested') continue;
      const review = role.reviews.filter((r) => r.decision === 'request_changes' && r.round === role.round).at(-1);
      items.push({
        ...base,
        kind: 'changes_requested',
        title: role.title,
        detail: review ? `${review.reviewer.name}: ${review.comment}` : 'Changes were requested',
        link: `/plans/${plan.id}/roles/${role.id}`,
        since: review?.createdAt ?? role.updatedAt,
      });
    }
    const core = await loadPlanCore(db, user.districtId, plan.id);
    const open = core.stages.flatMap((stage) =>
      stage.actions.filter((a) => a.status !== 'done' && !a.notApplicable).map((action) => ({ stage, action })),
    );
    const measures = await measuresOf(db, user.districtId, plan.id);
    const owners = await namesOf(db, user.districtId, [
      ...open.flatMap(({ action }) => (action.ownerUserId ? [action.ownerUserId] : [])),
      ...measures.flatMap((m) => (m.ownerUserId ? [m.ownerUserId] : [])),
    ]);
    const ownerName = (id: string) => `${owners.get(id) ?? 'A former user'}${active.has(id) ? '' : ' (deactivated)'}`;
    const gone = (id: string | null | undefined): id is string => Boolean(id) && !active.has(id!);
    for (const { stage, action } of open.filter(({ action }) => gone(action.ownerUserId))) {
      items.push({
        ...base,
        kind: 'needs_new_owner',
        title: action.text,
        detail: `Action owned by ${owners.get(action.ownerUserId!) ?? 'a former user'}, who is deactivated`,
        link: `/plans/${plan.id}/stages/${stage.key}`,
        since: ownerGoneSince(action.ownerUserId!),
      });
    }
    for (const measure of measures.filter((m) => gone(m.ownerUserId))) {
      items.push({
        ...base,
        kind: 'needs_new_owner',
        title: measure.name,
        detail: `Measure owned by ${owners.get(measure.ownerUserId!) ?? 'a former user'}, who is deactivated`,
        link: `/plans/${plan.id}/measures/${measure.id}`,
        since: ownerGoneSince(measure.ownerUserId!),
      });
    }
    const overdue = core.stages.flatMap((stage) =>
      stage.actions
        .filter((a) => a.dueDate && a.dueDate < today && a.status !== 'done' && !a.notApplicable)
        .map((action) => ({ stage, action })),
    );
    for (const { stage, action } of overdue) {
      const owner = action.ownerUserId ? ownerName(action.ownerUserId) : action.ownerName;
      items.push({
        ...base,
        kind: 'action_overdue',
        title: action.text,
        detail: `Due ${formatDate(action.dueDate!)}${owner ? `; owner: ${owner}` : '; no owner yet'}`,
        link: `/plans/${plan.id}/stages/${stage.key}`,
        // Overdue once the due day is over: since the day after it.
        since: overdueSince(action.dueDate!),
      });
    }
    for (const measure of measures) {
      const due = nextReadingDue(measure, firstReadingCountedFrom(plan));
      if (!due || due > today) continue;
      items.push({
        ...base,
        kind: 'reading_due',
        title: measure.name,
        detail: `A reading was due on ${formatDate(due)}`,
        link: `/plans/${plan.id}/measures/${measure.id}`,
        since: due,
      });
    }
    for (const misstep of happeningMissteps(await missteps(db, user.districtId, plan.id))) {
      const stage = core.stages.find((s) => s.key === misstep.stageKey);
      items.push({
        ...base,
        kind: 'misstep_happening',
        title: misstep.text,
        detail: `Stage ${stage?.order ?? ''}: ${stage?.title ?? ''}${misstep.note ? `; ${misstep.note}` : ''}`,
        link: `/plans/${plan.id}/stages/${misstep.stageKey}`,
        since: misstep.updatedAt,
      });
    }
  }
  return items;
}

/**
 * What needs the signed-in person, over one plan or every plan of the district, but none that is archived,
 * oldest first within each kind: a principal's waiting reviews and mentions come first; an admin's roles
 * sent back, overdue actions, readings due, then mentions.
 */
export async function needsAttention(
  db: Executor,
  user: SignedInUser,
  query: { planId?: string | undefined; today?: string | undefined },
): Promise<NeedsAttention> {
  const today = query.today ?? todayIso(user.districtTimeZone);
  // An archived plan is read only: nothing in it can be acted on, so nothing of it is followed up.
  const plans: PlanInScope[] = (
    query.planId
      ? [await planOrNotFound(db, user.districtId, query.planId)]
      : await plansOfDistrict(db, user.districtId)
  ).filter((p) => p.status !== 'archived');
  const byKind = (items: AttentionItem[]) => {
    const oldestFirst = (kind: AttentionKind) =>
      items.filter((i) => i.kind === kind).sort((a, b) => a.since.localeCompare(b.since));
    return oldestFirst;
  };
  let ordered: AttentionItem[];
  if (user.role === 'district_admin') {
    const pick = byKind([...(await followUps(db, user, plans, today)), ...(await mentions(db, user, plans))]);
    ordered = (
      ['changes_requested', 'needs_new_owner', 'action_overdue', 'reading_due', 'misstep_happening', 'mention'] as const
    ).flatMap(pick);
  } else if (user.role === 'principal') {
    const pick = byKind([...(await reviewsWaiting(db, user, plans)), ...(await mentions(db, user, plans))]);
    ordered = (['review_waiting', 'mention'] as const).flatMap(pick);
  } else {
    ordered = byKind(await mentions(db, user, plans))('mention');
  }
  return {
    items: ordered,
    counts: Object.fromEntries(
      attentionKinds.map((kind) => [kind, ordered.filter((i) => i.kind === kind).length]),
    ) as NeedsAttention['counts'],
  };
}
