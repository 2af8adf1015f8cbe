import type { StageKey } from '@planner/shared/roadmap';
import type { Db } from '../../db/knex';
import type { SignedInUser } from '../../http/auth';
import { getPlan } from '../plans/service';
import { budgetOf, listRoles } from '../roles/service';
import { usersOfDistrict } from '../users/service';
import { actionsCsv, measuresCsv } from './csv';
import { attachmentHeader } from './file-name';
import type { PlanExportData } from './plan-export-data';
import { renderPlanPdf } from './pdf/plan-pdf';

export interface ExportFile {
  body: Buffer;
  /** Content-Disposition, naming district, plan and date. */
  disposition: string;
  fileName: string;
}

export interface ExportOptions {
  stage?: StageKey | undefined;
  /** When the export is made; tests fix it. */
  now?: Date;
}

/** The plan (404 when it is not in the user's district) and the names of the people who own actions. */
async function loadExportData(
  db: Db,
  user: SignedInUser,
  planId: string,
  options: ExportOptions,
): Promise<PlanExportData> {
  const plan = await getPlan(db, user, planId);
  const users = await usersOfDistrict(db, user);
  const roles = await listRoles(db, user, planId);
  const budget = await budgetOf(db, user, planId);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    districtName: user.districtName,
    plan,
    roles,
    budget,
    stage: options.stage,
    exportedAt: options.now ?? new Date(),
    ownerOf: (action) => (action.ownerUserId ? (names.get(action.ownerUserId) ?? 'A former user') : action.ownerName),
  };
}

function stageTitle(data: PlanExportData): string | undefined {
  return data.stage ? data.plan.stages.find((s) => s.key === data.stage)?.title : undefined;
}

/** The whole plan, or one stage, as a tagged (accessible) PDF. */
export async function exportPlanPdf(
  db: Db,
  user: SignedInUser,
  planId: string,
  options: ExportOptions = {},
): Promise<ExportFile> {
  const data = await loadExportData(db, user, planId, options);
  const body = await renderPlanPdf(data);
  const { header, fileName } = attachmentHeader({
    district: data.districtName,
    plan: data.plan.title,
    stage: stageTitle(data),
    date: data.exportedAt,
    extension: 'pdf',
  });
  return { body, disposition: header, fileName };
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
  const data = await loadExportData(db, user, planId, options);
  const { header, fileName } = attachmentHeader({
    district: data.districtName,
    plan: data.plan.title,
    stage: stageTitle(data),
    contents,
    date: data.exportedAt,
    extension: 'csv',
  });
  return { body: Buffer.from(csvWriters[contents](data), 'utf8'), disposition: header, fileName };
}
