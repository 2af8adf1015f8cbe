import { costSettingsSentence, describeYear, programCostSentence } from '@planner/shared/budget';
import { countOf, formatCents, isoDayIn } from '@planner/shared/format';
import {
  applicantDetailsOf,
  isShownPayField,
  notYetDecided,
  roleFieldLabels,
  roleFieldNames,
  roleKindLabels,
  roleStatusLabels,
  schoolDecisionText,
  tlmsDomains,
  type FieldMode,
  type Role,
  type RoleReview,
} from '@planner/shared/role';
import type { PlanExportData } from '../plan-export-data';
import { renderAlignmentSummary, renderRoleAlignment } from './alignment-part';
import { formatDay } from './stage-table-parts';
import { palette, type AccessiblePdf } from './writer';

type Bookmark = ReturnType<AccessiblePdf['heading']>;

const yesNo = (value: boolean | null) => (value === null ? notYetDecided : value ? 'Yes' : 'No');

/** The status and each school's decision, as the role's page says them: a draft's schools are not in review. */
function reviewLine(role: Role): string {
  const inRound = role.status !== 'draft' && role.round > 0;
  const states = role.schools.map((s) => {
    const state = inRound ? schoolDecisionText(s) : 'Not in review';
    return `${s.school.name}: ${state.charAt(0).toLowerCase()}${state.slice(1)}`;
  });
  const round = inRound ? `, round ${role.round}` : '';
  return `${roleStatusLabels[role.status]}${round}${states.length > 0 ? ` (${states.join('; ')})` : ''}`;
}

/**
 * A decision with its round, as the role's page gives it; one that no longer stands says why: a later round
 * has begun, or the role was edited after it and returned to draft.
 */
function decisionLine(review: RoleReview, role: Role, timeZone: string): string {
  const since =
    review.round < role.round
      ? ', before the role was sent for review again'
      : role.status === 'draft'
        ? ', before the role was changed and returned to draft'
        : '';
  const decision = review.decision === 'approve' ? 'approved' : 'requested changes';
  return `${review.reviewer.name}, ${formatDay(isoDayIn(review.createdAt, timeZone))}, round ${review.round}${since}: ${decision}${review.comment ? `: “${review.comment}”` : ''}`;
}

/**
 * Which of the role's features the district sets and which each school may adapt, by name as its page
 * shows them, and how many are not decided either way.
 */
function renderFieldModes(pdf: AccessiblePdf, role: Role): void {
  const fields = roleFieldNames.filter((field) => isShownPayField(field, role));
  const named = (mode: FieldMode) =>
    fields
      .filter((field) => role.fieldModes[field] === mode)
      .map((field) => roleFieldLabels[field])
      .join('; ');
  const [tight, loose] = [named('tight'), named('loose')];
  const undecided = fields.filter((field) => role.fieldModes[field] === undefined).length;
  if (tight) pdf.labelledParagraph('Set by the district (tight)', tight);
  if (loose) pdf.labelledParagraph('May be adapted by each school (loose)', loose);
  if (undecided > 0)
    pdf.labelledParagraph(
      'Not yet decided whether the district sets them or each school may adapt them',
      undecided === fields.length ? `all ${undecided} of its features` : countOf(undecided, 'feature'),
    );
}

/**
 * One role definition; with `heading`, under a heading of its own, listed in the contents and
 * bookmarked under the roles (a role's own PDF has the role's heading already).
 */
export function renderRole(
  pdf: AccessiblePdf,
  role: Role,
  data: PlanExportData,
  heading?: { bookmark: Bookmark },
): void {
  const budget = data.budget;
  const names = (ids: string[], rows: { id: string; label: string }[]) =>
    ids
      .map((id) => rows.find((r) => r.id === id)?.label)
      .filter((x): x is string => Boolean(x))
      .join('; ');
  const priorities = names(
    role.priorityIds,
    data.plan.tables.priorities.map((p) => ({ id: p.id, label: p.title })),
  );
  const measures = names(
    role.measureIds,
    data.plan.tables.measures.map((m) => ({ id: m.id, label: m.name })),
  );
  const cost = budget.roles.find((c) => c.roleId === role.id);

  // For the public (a share link), the role as the shared page shows it: no review, no internal arrangements.
  const internal = !data.forPublic;
  if (heading) pdf.heading(3, role.title, { toc: 2, bookmarkParent: heading.bookmark });
  if (internal) pdf.labelledParagraph('Review status', reviewLine(role));
  pdf.labelledParagraph('Kind', roleKindLabels[role.kind]);
  if (role.purpose) pdf.labelledParagraph('Purpose', role.purpose);
  if (priorities) pdf.labelledParagraph('District priorities it advances', priorities);
  if (role.responsibilities.length > 0) {
    pdf.list(
      role.responsibilities.map((r) => {
        const domains = r.domains.map((d) => tlmsDomains.find((x) => x.number === d)?.number).filter(Boolean);
        return `${r.text}${domains.length > 0 ? ` (Teacher Leader Model Standards domain ${domains.join(', ')})` : ''}`;
      }),
      {},
      { numbered: true, lead: 'Responsibilities' },
    );
  }
  pdf.labelledParagraph('Positions', String(role.positions));
  if (cost && costsShown(data))
    pdf.labelledParagraph(
      'Yearly cost',
      `${formatCents(cost.totalCents)} (${formatCents(cost.perPositionCents)} a position, released time included)`,
    );
  pdf.labelledParagraph('Schools', role.schools.map((s) => s.school.name).join(', ') || 'None chosen yet');
  // Time, reach and pay, then who may apply, how and when, the term, and how the teacher leader is evaluated and supported.
  for (const detail of applicantDetailsOf(role)) pdf.labelledParagraph(detail.label, detail.text);
  if (internal) {
    pdf.labelledParagraph(
      'Formal authority',
      `Evaluates staff: ${yesNo(role.evaluatesStaff)}; supervises staff: ${yesNo(role.supervisesStaff)}`,
    );
  }
  if (measures) pdf.labelledParagraph('Measures of its success', measures);
  if (internal && role.principalRole) pdf.labelledParagraph("The principal's part", role.principalRole);
  if (internal && role.unionConstraints)
    pdf.labelledParagraph('Collective-bargaining constraints', role.unionConstraints);
  if (internal) pdf.labelledParagraph('Developed jointly with the union', yesNo(role.developedJointly));
  if (data.alignmentAnswers) renderRoleAlignment(pdf, role, data);
  if (internal) renderFieldModes(pdf, role);
  if (internal && role.reviews.length > 0) {
    pdf.list(
      role.reviews.map((r) => decisionLine(r, role, data.timeZone)),
      {},
      { lead: 'Review decisions' },
    );
  }
}

/**
 * Whether the roles' costs are printed: always for the district; for a share link only with its budget, as
 * its page shows them (a board reader given the roles alone reads no cost figure).
 */
const costsShown = (data: PlanExportData) => !data.forPublic || data.fundingShown === true;

/**
 * A share link's budget, as its page shows it: what the approved roles cost a year, and the table of each
 * year's cost against the secured funding.
 */
export function renderBudget(pdf: AccessiblePdf, data: PlanExportData): void {
  const budget = data.budget;
  pdf.paragraph(`Approved roles cost ${formatCents(budget.totalCents)} a year.`);
  pdf.paragraph(costSettingsSentence(data.plan));
  pdf.table({
    columns: [
      { header: 'School year', width: 'rest' },
      { header: 'Cost of approved roles', width: 110 },
      { header: 'Secured funding', width: 110 },
      { header: 'Shortfall', width: 110 },
    ],
    rowHeaders: true,
    rows: budget.years.map((year) => ({
      cells: [
        year.schoolYear,
        formatCents(year.costCents),
        formatCents(year.securedRecurringCents + year.securedGrantCents),
        formatCents(year.shortfallCents),
      ],
    })),
  });
}

/** The role definitions with their review status, and the program's yearly cost against its funding. */
export function renderRoles(pdf: AccessiblePdf, data: PlanExportData, bookmark: Bookmark): void {
  if (data.roles.length === 0) {
    // A share link has the approved roles only, and says so as its page does.
    pdf.paragraph(data.forPublic ? 'No role is approved yet.' : 'No teacher-leader roles are defined yet.', {
      font: 'italic',
      color: palette.muted,
    });
    return;
  }
  const budget = data.budget;
  // The district's PDF says what its budget page says; a share link's has the budget in a section of its own.
  if (!data.forPublic) {
    pdf.paragraph(programCostSentence(budget));
    pdf.paragraph(costSettingsSentence(data.plan));
    pdf.list(budget.years.map(describeYear));
  }
  const withCost = costsShown(data);
  pdf.heading(3, 'Summary of the roles');
  pdf.table({
    columns: [
      { header: 'Role', width: 'rest' },
      { header: 'Schools', width: 110 },
      { header: 'Positions', width: 50 },
      { header: 'Release time', width: 52 },
      ...(withCost ? [{ header: 'Yearly cost', width: 64 }] : []),
      // A share link shows approved roles only: their review status says nothing there.
      ...(data.forPublic ? [] : [{ header: 'Review status', width: 74 }]),
    ],
    rowHeaders: true,
    rows: data.roles.map((role) => {
      const cost = budget.roles.find((c) => c.roleId === role.id);
      return {
        cells: [
          role.title,
          role.schools.map((s) => s.school.name).join(', ') || 'None chosen yet',
          String(role.positions),
          role.releasePercent === null ? notYetDecided : `${role.releasePercent}%`,
          ...(withCost ? [cost ? formatCents(cost.totalCents) : ''] : []),
          ...(data.forPublic ? [] : [roleStatusLabels[role.status]]),
        ],
      };
    }),
  });
  if (data.alignmentAnswers) renderAlignmentSummary(pdf, data);
  for (const role of data.roles) renderRole(pdf, role, data, { bookmark });
}
