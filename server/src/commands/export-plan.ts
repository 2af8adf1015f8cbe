import { computeBudget } from '@planner/shared/budget';
import { todayIso } from '@planner/shared/format';
import type { StageKey } from '@planner/shared/roadmap';
import { stakeholderKindLabels } from '@planner/shared/stage-tables';
import type { Db } from '../db/knex';
import type { SignedInUser } from '../http/auth';
import { notFound } from '../http/app-error';
import type { PdfRenderer } from '../http/routes';
import { actionsCsv, measuresCsv } from '../features/exports/csv';
import { attachmentHeader } from '../features/exports/file-name';
import type { PlanExportData } from '../features/exports/plan-export-data';
import { renderPlanPdf } from '../features/exports/pdf/plan-pdf';
import { pdfTraceOf } from '../features/exports/pdf/trace-section';
import { logicModelOf } from '../features/logic-model/service';
import { readinessScoresOf } from '../features/readiness/service';
import { alignmentAnswersOf } from '../features/alignment/service';
import { lastArchivedAt } from '../features/history/service';
import { missteps } from '../features/missteps/service';
import { rolesOf } from '../features/roles/service';
import { inputsOfLoadedPlan } from '../features/stakeholder-inputs/service';
import { listUsers } from '../features/users/service';
import { loadPlan } from './load-plan';

export interface ExportFile {
  body: Buffer;
  /** Content-Disposition, naming district, plan, school year and date. */
  disposition: string;
}

export interface ExportOptions {
  stage?: StageKey | undefined;
  /** One role's PDF; a role not of this plan (or district) is not found. */
  roleId?: string | undefined;
  /** When the export is made; tests fix it. */
  now?: Date;
  /** Read the stakeholder trace (the whole plan's PDF shows it; a CSV does not). */
  withTrace?: boolean;
}

/**
 * Everything an export shows, read in one repeatable-read, read-only transaction, so a PDF never mixes
 * two moments of the plan: the plan once, its roles, and the names of the people who own actions.
 */
export async function gatherExport(
  db: Db,
  user: SignedInUser,
  planId: string,
  options: ExportOptions,
): Promise<PlanExportData> {
  const wholePlan = !options.stage && !options.roleId;
  const withTrace = wholePlan && options.withTrace === true;
  const { plan, roles, users, readiness, logicModel, planMissteps, alignmentAnswers, inputs, archivedAt } =
    await db.transaction(
      async (trx) => {
        const loaded = await loadPlan(trx, user.districtId, planId);
        const planRoles = await rolesOf(trx, user.districtId, planId);
        return {
          plan: loaded,
          roles: planRoles,
          users: await listUsers(trx, user.districtId),
          readiness: await readinessScoresOf(trx, user.districtId, planId),
          // The whole plan's PDF ends with the stakeholder trace and its logic model; a stage's or a role's does not show them.
          logicModel: wholePlan ? await logicModelOf(trx, user.districtId, planId, true) : undefined,
          inputs: withTrace ? await inputsOfLoadedPlan(trx, user.districtId, loaded, planRoles) : undefined,
          planMissteps: await missteps(trx, user.districtId, planId),
          alignmentAnswers: await alignmentAnswersOf(trx, user.districtId, planId),
          // The cover says on which of the district's days the plan was archived, as a share link's does.
          archivedAt: loaded.status === 'archived' ? await lastArchivedAt(trx, user.districtId, planId) : undefined,
        };
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
  if (options.roleId && !roles.some((r) => r.id === options.roleId)) throw notFound('The role');
  return {
    districtName: user.districtName,
    timeZone: user.districtTimeZone,
    plan,
    archivedOn: archivedAt ? todayIso(user.districtTimeZone, archivedAt) : undefined,
    roles,
    roleId: options.roleId,
    budget: computeBudget(roles, plan.tables.fundingSources, plan, plan.schoolYear),
    stage: options.stage,
    readiness,
    exportedAt: options.now ?? new Date(),
    people: new Map(users.map((u) => [u.id, u.name])),
    logicModel,
    missteps: planMissteps,
    alignmentAnswers: Object.fromEntries(alignmentAnswers),
    // The trace only where the district has recorded what it heard: many plans never use it.
    trace: inputs?.length ? pdfTraceOf(plan.tables.stakeholders, inputs, stakeholderKindLabels) : undefined,
  };
}

function fileHeader(data: PlanExportData, extension: 'pdf' | 'csv', contents?: string) {
  const role = data.roleId ? (data.roles.find((r) => r.id === data.roleId)?.title ?? '') : undefined;
  const stage = data.stage ? data.plan.stages.find((s) => s.key === data.stage)?.title : undefined;
  return attachmentHeader({
    district: data.districtName,
    plan: data.plan.title,
    schoolYear: data.plan.schoolYear,
    stage,
    role,
    contents,
    date: data.exportedAt,
    timeZone: data.timeZone,
    extension,
  }).header;
}

/**
 * The whole plan, or one stage, as a tagged (accessible) PDF. With a `renderer` (the server's worker
 * pool) the layout runs on a worker thread and stops when `signal` aborts; without, here (benchmarks).
 */
export async function exportPlanPdf(
  db: Db,
  user: SignedInUser,
  planId: string,
  options: ExportOptions = {},
  renderer?: PdfRenderer,
  signal: AbortSignal = new AbortController().signal,
): Promise<ExportFile> {
  let data: PlanExportData | undefined;
  const load = async () => (data = await gatherExport(db, user, planId, { ...options, withTrace: true }));
  const body = renderer ? await renderer.render(load, signal) : await renderPlanPdf(await load());
  return { body, disposition: fileHeader(data!, 'pdf') };
}

const csvWriters = { actions: actionsCsv, measures: measuresCsv };

/** The plan's high-impact actions (or one stage's), or its measures with every reading, as CSV. */
export async function exportCsv(
  db: Db,
  user: SignedInUser,
  planId: string,
  contents: keyof typeof csvWriters,
  options: ExportOptions = {},
): Promise<ExportFile> {
  const data = await gatherExport(db, user, planId, options);
  return { body: Buffer.from(csvWriters[contents](data), 'utf8'), disposition: fileHeader(data, 'csv', contents) };
}
