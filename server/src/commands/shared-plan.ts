import type { Response } from 'express';
import { z } from 'zod';
import { planAlignment, type AlignmentAnswer } from '@planner/shared/alignment';
import { computeBudget, type Budget, type CostSettings } from '@planner/shared/budget';
import { defaultTimeZone } from '@planner/shared/district';
import { buildDashboard } from '@planner/shared/dashboard';
import { todayIso } from '@planner/shared/format';
import type { LogicModel, LogicModelLinkKind } from '@planner/shared/logic-model';
import type { Misstep } from '@planner/shared/misstep';
import type { Plan } from '@planner/shared/plan';
import { applicantDetailsOf, type Role } from '@planner/shared/role';
import {
  sharedPlanSchema,
  sharePartParents,
  sharedTokenParamsSchema,
  type SharedBudget,
  type SharedPlan,
  type SharePart,
} from '@planner/shared/share-link';
import { stageTableNames, stakeholderKindLabels, withoutPeopleFields } from '@planner/shared/stage-tables';
import { newestTrace, type ShapedKind, type StakeholderInput } from '@planner/shared/stakeholder-input';
import { inDistrict } from '../db/district-scope';
import type { Db, Executor } from '../db/knex';
import { notFound } from '../http/app-error';
import { defineRoute, problem } from '../http/routes';
import { attachmentHeader } from '../features/exports/file-name';
import type { PlanExportData, ReadinessScopeScores } from '../features/exports/plan-export-data';
import { pdfTraceOf } from '../features/exports/pdf/trace-section';
import { alignmentAnswersOf } from '../features/alignment/service';
import { lastArchivedAt } from '../features/history/service';
import { logicModelOf } from '../features/logic-model/service';
import { missteps } from '../features/missteps/service';
import { readinessScoresOf } from '../features/readiness/service';
import { rolesOf } from '../features/roles/service';
import type { OpenLimiter } from '../features/share-links/open-limiter';
import { countOpening, usableLinkOrNotFound, type ShareLinkRow } from '../features/share-links/service';
import { inputsOfPlan } from '../features/stakeholder-inputs/service';
import { findDistrict } from '../features/users/service';
import { loadPlan } from './load-plan';
import { sendPdf } from './routes';

/**
 * What a share link shows, to anyone who has it: the parts of one plan it names, read only, and none of
 * the district's people (no names of who answered or owns what, no reviews, no comments, no history),
 * and of the roles only the approved ones. The token is found first, as the owner; then only that plan's
 * district is read, bound to it by row-level security, so nothing of another district can come back.
 * A link shows the parts it was made with, no more: parts added to the planner since show only in links
 * made after. A part shown inside another (missteps in a stage, alignment with the roles) shows only
 * with it, and the logic model and the trace name only items the link shows by itself.
 */

/** Whether a link shows a part: named, and so is the part it is shown in. */
function showsOf(parts: readonly SharePart[]): (part: SharePart) => boolean {
  return (part) => {
    const parent = sharePartParents[part];
    return parts.includes(part) && (!parent || parts.includes(parent));
  };
}

/** The plan without the names of the people in it, and without the parts the link leaves out. */
function withoutPeople(plan: Plan, parts: readonly SharePart[]): Plan {
  const shows = showsOf(parts);
  // A row's owner or contact (a data system's owner, a partner's email, a measure's owner) may name a person.
  const tables = Object.fromEntries(
    stageTableNames.map((name) => [
      name,
      shows(name === 'measures' ? 'measures' : 'stages')
        ? plan.tables[name].map((row: object) => withoutPeopleFields(name, row))
        : [],
    ]),
  ) as Plan['tables'];
  return {
    ...plan,
    stages: shows('stages')
      ? plan.stages.map((stage) => ({
          ...stage,
          questions: stage.questions.map((q) => ({ ...q, answer: { ...q.answer, updatedBy: null } })),
          actions: stage.actions.map((a) => ({ ...a, ownerUserId: null, ownerName: null })),
        }))
      : [],
    tables,
  };
}

/** A role without who reviewed it, what they said, or who did what to it (the PDF would print them). */
function withoutReviewers(role: Role): Role {
  return {
    ...role,
    reviews: [],
    history: [],
    schools: role.schools.map((s) => ({ ...s, principals: [] })),
  };
}

/** What a link's parts are read for: only those parts' own data is read at all. */
interface SharedRead {
  districtName: string;
  /** The district's time zone: its "today" for the dashboard and the date of the PDF. */
  timeZone: string;
  plan: Plan;
  /** The district's day the plan was archived, while it is and its history says so. */
  archivedOn: string | null;
  /** The approved roles, whatever the parts: the budget counts what they cost. */
  approvedRoles: Role[];
  /** What the stakeholders said and what it shaped: read only when the link shows the trace. */
  inputs: StakeholderInput[];
  missteps: Misstep[] | null;
  readiness: ReadinessScopeScores[] | null;
  /** The district's answers, of the approved roles only. */
  alignmentAnswers: Map<string, AlignmentAnswer[]> | null;
  /** With the logic model part, its links already limited to what the link shows. */
  logicModel: LogicModel | null;
}

async function readShared(trx: Executor, link: ShareLinkRow): Promise<SharedRead> {
  const { district_id: districtId, plan_id: planId } = link;
  const has = showsOf(link.parts);
  const district = await findDistrict(trx, districtId);
  const plan = await loadPlan(trx, districtId, planId);
  const approvedRoles = (await rolesOf(trx, districtId, planId)).filter((r) => r.status === 'approved');
  const answers = has('alignment') ? await alignmentAnswersOf(trx, districtId, planId) : null;
  const timeZone = district?.time_zone ?? defaultTimeZone;
  const archivedAt = plan.status === 'archived' ? await lastArchivedAt(trx, districtId, planId) : undefined;
  return {
    districtName: district?.name ?? '',
    timeZone,
    plan,
    archivedOn: archivedAt ? todayIso(timeZone, archivedAt) : null,
    approvedRoles,
    inputs: has('trace') ? await inputsOfPlan(trx, districtId, planId) : [],
    missteps: has('missteps') ? await missteps(trx, districtId, planId) : null,
    readiness: has('readiness') ? await readinessScoresOf(trx, districtId, planId) : null,
    alignmentAnswers: answers && new Map(approvedRoles.map((r) => [r.id, answers.get(r.id) ?? []])),
    logicModel: has('logic-model')
      ? sharedLogicModel(await logicModelOf(trx, districtId, planId, true), link.parts, approvedRoles)
      : null,
  };
}

/** Which kinds of item the link shows by itself, so the logic model may name them. */
function shownLinkKinds(parts: readonly SharePart[]): Set<LogicModelLinkKind> {
  const shows = showsOf(parts);
  // Funding sources, partners and actions are the stages' tables and actions.
  const stageKinds: LogicModelLinkKind[] = ['fundingSource', 'partner', 'action'];
  return new Set<LogicModelLinkKind>([
    ...(shows('stages') ? stageKinds : []),
    ...(shows('roles') ? (['role'] as const) : []),
    ...(shows('measures') ? (['measure'] as const) : []),
  ]);
}

/**
 * The logic model as a link shows it: each entry's links only to items the link shows itself (an
 * approved role, when the roles are shared), none broken, and no list of items that could be linked.
 */
function sharedLogicModel(model: LogicModel, parts: readonly SharePart[], approvedRoles: Role[]): LogicModel {
  const kinds = shownLinkKinds(parts);
  const approved = new Set(approvedRoles.map((r) => r.id));
  return {
    canvas: model.canvas,
    entries: model.entries.map((entry) => {
      const standing = entry.links.filter((l) => !l.broken);
      const links = standing.filter((l) => kinds.has(l.kind) && (l.kind !== 'role' || approved.has(l.id)));
      return { ...entry, links, linksNotShown: links.length < standing.length };
    }),
    linkOptions: [],
  };
}

/** Whether the trace may name an item: what the link shows by itself (approved roles, and measures or stage items when shared). */
function traceShowsOf(read: SharedRead, parts: readonly SharePart[]) {
  const shows = showsOf(parts);
  return (item: { kind: ShapedKind; id: string }) => {
    if (item.kind === 'role') return shows('roles') && read.approvedRoles.some((r) => r.id === item.id);
    if (item.kind === 'measure') return shows('measures');
    return shows('stages');
  };
}

/**
 * The dashboard a link shows, on its page and in its PDF, and no more: the progress, each stage's actions by
 * status and the overdue actions, without owners. Its measures' and roles' figures are the other parts'.
 */
function sharedDashboard(link: ShareLinkRow, read: SharedRead, today: string): SharedPlan['dashboard'] {
  if (!showsOf(link.parts)('dashboard')) return null;
  const dashboard = buildDashboard({ plan: read.plan, roles: [], users: [], today });
  return {
    today: dashboard.today,
    progress: dashboard.progress,
    stages: dashboard.stages,
    actionTotals: dashboard.actionTotals,
    overdueActions: dashboard.overdueActions.map(({ id, text, stageKey, dueDate, status }) => ({
      id,
      text,
      stageKey,
      dueDate,
      status,
    })),
  };
}

/**
 * The budget as the page and the PDF show it: the yearly total, the figures it is priced at, and each year's cost,
 * secured funding and shortfall.
 */
function sharedBudget(budget: Budget, settings: CostSettings): SharedBudget {
  return {
    totalCents: budget.totalCents,
    averageTeacherCostCents: settings.averageTeacherCostCents,
    contractDays: settings.contractDays,
    years: budget.years.map((y) => ({
      schoolYear: y.schoolYear,
      costCents: y.costCents,
      securedCents: y.securedRecurringCents + y.securedGrantCents,
      shortfallCents: y.shortfallCents,
    })),
  };
}

/** Whether a link shows the plan's progress: a figure of the stages and of the dashboard, of no other part. */
const showsProgress = (parts: readonly SharePart[]) => showsOf(parts)('stages') || showsOf(parts)('dashboard');

export function presentShared(link: ShareLinkRow, read: SharedRead, today: string): SharedPlan {
  const parts = link.parts;
  const has = showsOf(parts);
  const { plan, approvedRoles } = read;
  const budget = computeBudget(approvedRoles, plan.tables.fundingSources, plan, plan.schoolYear);
  const open = withoutPeople(plan, parts);
  const { measures, ...plainTables } = open.tables;
  const trace = has('trace')
    ? newestTrace(plan.tables.stakeholders, read.inputs, stakeholderKindLabels, traceShowsOf(read, parts))
    : null;
  return {
    districtName: read.districtName,
    districtTimeZone: read.timeZone,
    label: link.label,
    readAt: new Date().toISOString(),
    expiresOn: link.expires_on === null ? null : new Date(link.expires_on).toISOString().slice(0, 10),
    parts,
    plan: {
      title: plan.title,
      schoolYear: plan.schoolYear,
      status: plan.status,
      archivedOn: read.archivedOn,
      updatedAt: plan.updatedAt,
      progress: showsProgress(parts) ? plan.progress : null,
    },
    dashboard: sharedDashboard(link, read, today),
    stages: has('stages') ? open.stages : null,
    tables: has('stages') ? plainTables : null,
    measures: has('measures') ? measures : null,
    missteps: read.missteps,
    readiness: read.readiness,
    roles: has('roles')
      ? approvedRoles.map((role) => ({
          id: role.id,
          title: role.title,
          kind: role.kind,
          purpose: role.purpose,
          responsibilities: role.responsibilities.map((r) => r.text),
          schools: role.schools.map((s) => s.school.name),
          positions: role.positions,
          releasePercent: role.releasePercent,
          status: role.status,
          totalCents: has('budget') ? (budget.roles.find((r) => r.roleId === role.id)?.totalCents ?? 0) : null,
          details: applicantDetailsOf(role),
        }))
      : null,
    alignment: read.alignmentAnswers && planAlignment(approvedRoles, read.alignmentAnswers),
    budget: has('budget') ? sharedBudget(budget, plan) : null,
    logicModel: read.logicModel,
    trace: trace && trace.entries,
    traceTotal: trace && trace.total,
  };
}

/** Shared answers are for the people given the link: never indexed, and the link never sent onward. */
function markShared(res: Response): void {
  res.set({ 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow' });
}

async function readLink(db: Db, token: string): Promise<{ link: ShareLinkRow; read: SharedRead }> {
  const link = await usableLinkOrNotFound(db, token);
  const read = await inDistrict(db, link.district_id, (trx) => readShared(trx, link), { readOnly: true });
  return { link, read };
}

const goneLink = problem('The link does not work: never made, expired or revoked (all answer alike)');
const tooOften = problem('Opened too many times from this address; try again after Retry-After seconds');

export function sharedPlanRoutes(limiter: OpenLimiter) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/shared/:token',
      summary: 'The plan a share link shows, read only, without signing in; each opening is counted',
      tag: 'Share links',
      access: 'public',
      request: { params: sharedTokenParamsSchema },
      responses: {
        200: { description: 'The parts of the plan the link shows', schema: sharedPlanSchema },
        404: goneLink,
        429: tooOften,
      },
      async handler({ req, res, db, input }) {
        markShared(res);
        await limiter.check(req.ip ?? 'unknown');
        const { link, read } = await readLink(db, input.params.token);
        const shared = presentShared(link, read, todayIso(read.timeZone));
        await countOpening(db, link);
        res.json(shared);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/shared/:token/export.pdf',
      summary: 'The PDF of what a share link shows (approved roles only, no names of people), without signing in',
      tag: 'Share links',
      access: 'public',
      request: { params: sharedTokenParamsSchema },
      responses: {
        200: {
          description: 'The PDF, as an attachment named after district, plan, school year and date',
          contentType: 'application/pdf',
          schema: z.string().meta({ format: 'binary' }),
        },
        404: goneLink,
        429: tooOften,
        503: problem('Every PDF export slot is taken; try again after Retry-After seconds'),
      },
      async handler({ req, res, db, input, deps }) {
        markShared(res);
        await limiter.check(req.ip ?? 'unknown');
        let data: PlanExportData | undefined;
        await sendPdf(res, async (signal) => {
          const body = await deps.pdfPool.render(async () => {
            const { link, read } = await readLink(db, input.params.token);
            const shows = showsOf(link.parts);
            const roles = shows('roles') ? read.approvedRoles.map(withoutReviewers) : [];
            const exportedAt = new Date();
            data = {
              districtName: read.districtName,
              timeZone: read.timeZone,
              plan: withoutPeople(read.plan, link.parts),
              archivedOn: read.archivedOn ?? undefined,
              roles,
              // What the approved roles cost, as the page's budget says; printed only when the link shares the budget.
              budget: computeBudget(
                read.approvedRoles,
                read.plan.tables.fundingSources,
                read.plan,
                read.plan.schoolYear,
              ),
              fundingShown: shows('budget'),
              rolesShown: shows('roles'),
              measuresShown: shows('measures'),
              progressShown: showsProgress(link.parts),
              forPublic: true,
              exportedAt,
              people: new Map(),
              dashboard: sharedDashboard(link, read, todayIso(read.timeZone, exportedAt)) ?? undefined,
              readiness: read.readiness ?? undefined,
              missteps: read.missteps ?? undefined,
              alignmentAnswers: read.alignmentAnswers ? Object.fromEntries(read.alignmentAnswers) : undefined,
              logicModel: read.logicModel ?? undefined,
              trace: shows('trace')
                ? pdfTraceOf(
                    read.plan.tables.stakeholders,
                    read.inputs,
                    stakeholderKindLabels,
                    traceShowsOf(read, link.parts),
                  )
                : undefined,
            };
            return data;
          }, signal);
          if (!data) throw notFound('The plan');
          const { header } = attachmentHeader({
            district: data.districtName,
            plan: data.plan.title,
            schoolYear: data.plan.schoolYear,
            date: data.exportedAt,
            timeZone: data.timeZone,
            extension: 'pdf',
          });
          return { body, disposition: header };
        });
      },
    }),
  ];
}
