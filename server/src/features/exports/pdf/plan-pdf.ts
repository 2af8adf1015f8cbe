import { isAnswered } from '@planner/shared/progress';
import { actionStatusLabels, actionStatuses, planStatusLabels, type PlanStage } from '@planner/shared/plan';
import { declarationOf } from '@planner/shared/stage-tables';
import { readinessActionStage, readinessReport } from '@planner/shared/readiness';
import { ownerOf, type PlanExportData } from '../plan-export-data';
import { hasLogicModel, renderLogicModel } from './logic-model-section';
import { renderMissteps } from './missteps-part';
import { renderBudget, renderRole, renderRoles } from './roles-section';
import { renderStageTable, tablesOfStage } from './stage-table-parts';
import { hasTrace, renderTrace } from './trace-section';
import { AccessiblePdf, palette, type TableRow } from './writer';
import { isOverdue } from '@planner/shared/action-due';
import { countOf, formatDate, formatLongDate, todayIso } from '@planner/shared/format';

type Bookmark = ReturnType<AccessiblePdf['heading']>;

/**
 * A top-level part of the document after the cover and the contents: a heading (listed in the contents
 * and bookmarked) and what follows it. Stages are sections; so will be role definitions and measures.
 */
export interface PlanSection {
  title: string;
  /** How its pages are turned: portrait unless it says (the logic model is landscape). */
  orientation?: 'portrait' | 'landscape';
  render(pdf: AccessiblePdf, data: PlanExportData, bookmark: Bookmark): void;
}

/**
 * One part of a stage's section, under its own listed heading. Stage tables (priorities and
 * stakeholders, funding, ...) will be parts too, added to `stageParts`.
 */
export interface StagePart {
  title: string;
  render(pdf: AccessiblePdf, stage: PlanStage, data: PlanExportData): void;
}

/** The export's calendar day where the district is, YYYY-MM-DD. */
const exportIsoDay = (data: PlanExportData) => todayIso(data.timeZone, data.exportedAt);

/** The day of the export, as on the cover: "October 15, 2026". */
const exportDay = (data: PlanExportData) => formatLongDate(exportIsoDay(data));

function progressSentence(p: {
  percent: number;
  answeredQuestions: number;
  applicableQuestions: number;
  doneActions: number;
  applicableActions: number;
}) {
  return (
    `${p.percent}% complete (${p.answeredQuestions} of ${countOf(p.applicableQuestions, 'key question')} answered, ` +
    `${p.doneActions} of ${countOf(p.applicableActions, 'high-impact action')} done)`
  );
}

const stageHeading = (stage: PlanStage, total: number) => `Stage ${stage.order} of ${total}: ${stage.title}`;

/** What a stage holds for its reader: a share link shows, as its page does, only what applies to the district. */
const applicable = <T extends { notApplicable: boolean }>(items: T[], data: PlanExportData) =>
  data.forPublic ? items.filter((item) => !item.notApplicable) : items;

const keyQuestionsPart: StagePart = {
  title: 'Key questions',
  render(pdf, stage, data) {
    const questions = applicable(stage.questions, data);
    if (questions.length === 0) {
      pdf.paragraph('This stage has no key questions.', { font: 'italic', color: palette.muted });
      return;
    }
    for (const question of questions) {
      pdf.heading(4, question.text);
      if (question.notApplicable) {
        pdf.paragraph('Marked not applicable to this district.', { font: 'italic', color: palette.muted });
      }
      if (isAnswered(question.answer.text)) pdf.paragraphs(question.answer.text);
      else if (!question.notApplicable) pdf.paragraph('Not answered yet.', { font: 'italic', color: palette.muted });
    }
  },
};

const actionsPart: StagePart = {
  title: 'High-impact actions',
  render(pdf, stage, data) {
    const actions = applicable(stage.actions, data);
    if (actions.length === 0) {
      pdf.paragraph('This stage has no high-impact actions.', { font: 'italic', color: palette.muted });
      return;
    }
    // Overdue on the day of the export, as the dashboard counts it.
    const today = exportIsoDay(data);
    // A share link shows no people, as its page has no owner column: no column that would say "Not assigned".
    const owners = !data.forPublic;
    const rows: TableRow[] = actions.flatMap((action): TableRow[] => {
      const row: TableRow = {
        cells: [
          action.text,
          action.notApplicable
            ? 'Not applicable'
            : `${actionStatusLabels[action.status]}${isOverdue(action, today) ? ', overdue' : ''}`,
          ...(owners ? [ownerOf(data, action) ?? 'Not assigned'] : []),
          action.dueDate ? formatDate(action.dueDate) : 'No date',
        ],
      };
      return action.notes.trim() ? [row, { note: `Notes: ${action.notes.trim()}` }] : [row];
    });
    pdf.table({
      columns: [
        { header: 'Action', width: 'rest' },
        { header: 'Status', width: 78 },
        ...(owners ? [{ header: 'Owner', width: 112 }] : []),
        { header: 'Due date', width: 74 },
      ],
      rowHeaders: true,
      rows,
    });
  },
};

/** Stage 2's readiness self-assessment: each rated scope's average per domain, as a table. */
function renderReadiness(pdf: AccessiblePdf, data: PlanExportData): void {
  const report = readinessReport(data.readiness ?? []);
  pdf.paragraph(report.intro);
  pdf.table({
    columns: report.columns.map((header, i) => ({
      header,
      width: i === 0 ? ('rest' as const) : i === report.columns.length - 1 ? 70 : 92,
    })),
    rowHeaders: true,
    rows: report.rows.map((cells) => ({ cells })),
  });
}

export const stageParts: StagePart[] = [keyQuestionsPart, actionsPart];

function stageSection(stage: PlanStage, totalStages: number): PlanSection {
  return {
    title: stageHeading(stage, totalStages),
    render(pdf, data, bookmark) {
      pdf.paragraph(stage.summary, { size: 11.5 });
      const progress = data.plan.progress.stages.find((s) => s.stageKey === stage.key);
      if (progress) pdf.labelledParagraph('Progress', progressSentence(progress), { color: palette.muted });
      for (const part of stageParts) {
        pdf.heading(3, part.title, { toc: 2, bookmarkParent: bookmark });
        part.render(pdf, stage, data);
      }
      // A share link without the measures leaves their table out rather than calling it empty.
      const tables = tablesOfStage(stage).filter((t) => t.name !== 'measures' || data.measuresShown !== false);
      for (const table of tables) {
        pdf.heading(3, table.title, { toc: 2, bookmarkParent: bookmark });
        renderStageTable(pdf, table.name, data);
      }
      // Left out of the planner's own PDF until rated; a share link that shows it says so, as its page does.
      const readiness = data.readiness ?? [];
      if (stage.key === readinessActionStage && (readiness.length > 0 || (data.forPublic && data.readiness))) {
        pdf.heading(3, 'Readiness self-assessment', { toc: 2, bookmarkParent: bookmark });
        if (readiness.length > 0) renderReadiness(pdf, data);
        else pdf.paragraph('Not rated yet.', { font: 'italic', color: palette.muted });
      }
      if (data.missteps) {
        pdf.heading(3, 'Missteps to avoid', { toc: 2, bookmarkParent: bookmark });
        renderMissteps(pdf, stage, data);
      }
    },
  };
}

/** A share link's dashboard, as its page shows it: the progress, each stage's actions by status, what is overdue. */
const dashboardSection = (dashboard: NonNullable<PlanExportData['dashboard']>): PlanSection => ({
  title: 'Where the plan stands',
  render(pdf, _data, bookmark) {
    const { progress } = dashboard;
    const done = progress.answeredQuestions + progress.doneActions;
    const items = progress.applicableQuestions + progress.applicableActions;
    pdf.paragraph(`${progress.percent}% complete — ${done} of ${countOf(items, 'item')}`);
    pdf.heading(3, 'High-impact actions by stage', { toc: 2, bookmarkParent: bookmark });
    pdf.table({
      columns: [
        { header: 'Stage', width: 'rest' },
        ...actionStatuses.map((s) => ({ header: actionStatusLabels[s], width: 66 })),
      ],
      rowHeaders: true,
      rows: dashboard.stages.map((stage) => ({
        cells: [
          `Stage ${stage.order}: ${stage.title}`,
          ...actionStatuses.map((s) => String(stage.actions.byStatus[s])),
        ],
      })),
    });
    pdf.heading(3, 'Overdue actions', { toc: 2, bookmarkParent: bookmark });
    if (dashboard.overdueActions.length === 0) pdf.paragraph('No action is overdue.');
    else
      pdf.list(
        dashboard.overdueActions.map(
          (a) => `${a.text} (due ${formatDate(a.dueDate)}, ${actionStatusLabels[a.status].toLowerCase()})`,
        ),
      );
  },
});

/** A share link's measures without the stages (stage 3 holds them otherwise): each with its status and readings. */
const measuresSection: PlanSection = {
  title: declarationOf('measures').title,
  render: (pdf, data) => renderStageTable(pdf, 'measures', data, 2),
};

/** A share link's budget, after its roles as on its page: the yearly cost and the table of each year's funding. */
const budgetSection: PlanSection = { title: 'Budget', render: (pdf, data) => renderBudget(pdf, data) };

const rolesSection: PlanSection = {
  title: 'Teacher-leader roles',
  render: (pdf, data, bookmark) => renderRoles(pdf, data, bookmark),
};

/** The sections of this export, in order: the chosen stage, or every stage; the roles with the whole plan or stage 4. */
export function sectionsOf(data: PlanExportData): PlanSection[] {
  const total = data.plan.stages.length;
  if (data.roleId) {
    const role = data.roles.find((r) => r.id === data.roleId);
    return role ? [{ title: `Teacher-leader role: ${role.title}`, render: (pdf) => renderRole(pdf, role, data) }] : [];
  }
  const stages = data.plan.stages
    .filter((stage) => !data.stage || stage.key === data.stage)
    .map((stage) => stageSection(stage, total));
  const withRoles = (!data.stage || data.stage === 'build') && data.rolesShown !== false;
  const sections = data.dashboard ? [dashboardSection(data.dashboard), ...stages] : stages;
  const measuresStage = declarationOf('measures').stageKey;
  if (data.measuresShown && !data.plan.stages.some((stage) => stage.key === measuresStage)) {
    sections.push(measuresSection);
  }
  if (withRoles) sections.push(rolesSection);
  if (data.forPublic && data.fundingShown) sections.push(budgetSection);
  if (hasTrace(data)) {
    const trace = data.trace;
    sections.push({
      title: 'What we heard, and what we did with it',
      render: (pdf, _data, bookmark) => renderTrace(pdf, trace, bookmark),
    });
  }
  if (hasLogicModel(data)) {
    const model = data.logicModel;
    sections.push({ title: 'Logic model', orientation: 'landscape', render: (pdf) => renderLogicModel(pdf, model) });
  }
  return sections;
}

function cover(pdf: AccessiblePdf, data: PlanExportData): void {
  const { plan } = data;
  pdf.artifact(() => {
    pdf.doc.save().rect(0, 0, pdf.page.width, 14).fill(palette.accent).restore();
  });
  pdf.doc.y = 150;
  pdf.paragraph(data.districtName, { font: 'semibold', size: 15, color: palette.muted }, { spaceAfter: 10 });
  pdf.heading(1, plan.title);
  pdf.moveDown(12);
  pdf.labelledParagraph('School year', plan.schoolYear);
  if (plan.status === 'archived') {
    const day = data.archivedOn ? ` on ${formatLongDate(data.archivedOn)}` : '';
    pdf.labelledParagraph('Status', `${planStatusLabels.archived}${day}`);
  }
  pdf.labelledParagraph('Exported on', exportDay(data));
  if (data.progressShown === false) return;
  pdf.labelledParagraph('Overall progress', progressSentence(plan.progress));
  // A share link without the stages names them from its dashboard.
  const stages = plan.stages.length > 0 ? plan.stages : (data.dashboard?.stages ?? []);
  if (stages.length === 0) return;
  pdf.moveDown(16);
  pdf.heading(2, 'Progress by stage');
  pdf.list(
    stages.map((s) => {
      const p = plan.progress.stages.find((x) => x.stageKey === s.key);
      return `Stage ${s.order}, ${s.title}: ${p ? progressSentence(p) : 'no progress recorded'}`;
    }),
  );
}

/** Title of the document (its metadata and the window title), with the stage or role of a part's export. */
export function documentTitle(data: PlanExportData): string {
  const stage = data.stage ? data.plan.stages.find((s) => s.key === data.stage) : undefined;
  const role = data.roleId ? data.roles.find((r) => r.id === data.roleId) : undefined;
  return role ? `${data.plan.title}: ${role.title}` : stage ? `${data.plan.title}: ${stage.title}` : data.plan.title;
}

/**
 * The first lines of a stage's or a role's own PDF, instead of a cover: the district, the plan, its
 * school year and the day of the export, in one line above the part's own heading.
 */
function partHeader(pdf: AccessiblePdf, data: PlanExportData): void {
  pdf.artifact(() => {
    pdf.doc.save().rect(0, 0, pdf.page.width, 8).fill(palette.accent).restore();
  });
  pdf.paragraph(
    `${data.districtName} · ${data.plan.title} · school year ${data.plan.schoolYear}${data.plan.status === 'archived' ? ' · archived' : ''} · exported on ${exportDay(data)}`,
    { size: 9.5, color: palette.muted },
    { spaceAfter: 10 },
  );
}

/** The plan as a tagged PDF: cover, contents, one section per stage, page numbers. */
export async function renderPlanPdf(data: PlanExportData): Promise<Buffer> {
  const title = documentTitle(data);
  const pdf = new AccessiblePdf({
    title,
    author: data.districtName,
    subject: `Teacher-leadership plan of ${data.districtName}, school year ${data.plan.schoolYear}`,
    date: data.exportedAt,
  });
  if (data.stage || data.roleId) {
    // A part of the plan on its own: no cover and no contents, its own heading first.
    pdf.headingShift = 1;
    partHeader(pdf, data);
    for (const section of sectionsOf(data)) {
      pdf.group('Sect', () => {
        const bookmark = pdf.heading(2, section.title, { toc: 1 });
        section.render(pdf, data, bookmark);
      });
    }
    pdf.addFooters(`${title} · ${data.districtName}`, 0);
    return pdf.finish();
  }
  pdf.group('Sect', () => cover(pdf, data));

  // The contents come second but are written last, once every heading knows its page.
  pdf.newPage();
  const contentsPage = pdf.pageIndex;
  const contents = pdf.placeholder('Sect');

  for (const section of sectionsOf(data)) {
    pdf.orientation = section.orientation ?? 'portrait';
    pdf.newPage();
    pdf.group('Sect', () => {
      const bookmark = pdf.heading(2, section.title, { toc: 1 });
      section.render(pdf, data, bookmark);
    });
  }
  pdf.orientation = 'portrait';
  pdf.fillContents(contents, contentsPage, 'Contents');
  pdf.addFooters(`${title} · ${data.districtName}`);
  return pdf.finish();
}
