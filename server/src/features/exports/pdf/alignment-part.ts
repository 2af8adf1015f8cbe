import {
  alignmentFactorLabels,
  factorCounts,
  factorStateReportLabels,
  planAlignment,
  roleAlignment,
  type AlignmentAnswer,
} from '@planner/shared/alignment';
import type { Role } from '@planner/shared/role';
import type { PlanExportData } from '../plan-export-data';
import type { AccessiblePdf } from './writer';

const answersOf = (data: PlanExportData, roleId: string): AlignmentAnswer[] => data.alignmentAnswers?.[roleId] ?? [];

/** The Teacher Leader Model Standards the roles serve, and each role's factors in one line. */
export function renderAlignmentSummary(pdf: AccessiblePdf, data: PlanExportData): void {
  const byRole = new Map(data.roles.map((r) => [r.id, answersOf(data, r.id)]));
  const alignment = planAlignment(data.roles, byRole);
  pdf.heading(3, 'Teacher Leader Model Standards served');
  pdf.table({
    columns: [
      { header: 'Domain', width: 'rest' },
      { header: 'Roles', width: 50 },
      { header: 'Responsibilities', width: 80 },
    ],
    rowHeaders: true,
    rows: alignment.domains.map((d) => ({
      cells: [`${d.number}. ${d.title}`, String(d.roles), String(d.responsibilities)],
    })),
  });
  pdf.paragraph(
    alignment.uncoveredDomains.length === 0
      ? 'Every domain is served by at least one role.'
      : `No role serves domain ${alignment.uncoveredDomains.join(', ')}.`,
  );
  pdf.heading(3, 'High-impact role factors');
  pdf.table({
    columns: [
      { header: 'Role', width: 'rest' },
      { header: 'Factors', width: 220 },
    ],
    rowHeaders: true,
    rows: alignment.roles.map((r) => ({ cells: [r.title, factorCounts(r, factorStateReportLabels)] })),
  });
}

/** One role's factors: met, not met or waiting for the district's answer, each with why. */
export function renderRoleAlignment(pdf: AccessiblePdf, role: Role, data: PlanExportData): void {
  const result = roleAlignment(role, answersOf(data, role.id));
  pdf.table({
    lead: 'Opportunity Culture principles and high-impact factors',
    columns: [
      { header: 'Factor', width: 130 },
      { header: 'Result', width: 80 },
      { header: 'Why', width: 'rest' },
    ],
    rowHeaders: true,
    rows: result.factors.map((f) => ({
      cells: [alignmentFactorLabels[f.factor], factorStateReportLabels[f.state], f.reason],
    })),
  });
}
