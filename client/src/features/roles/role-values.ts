import { formatCents, formatDate, formatNumber } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import {
  notYetDecided,
  payFundingLabels,
  payKindLabels,
  roleKindLabels,
  tlmsDomains,
  type FieldMode,
  type Responsibility,
  type RoleFieldName,
} from '@planner/shared/role';
import type { RoleValue } from './update-role';

/** The fieldsets of the role page, in the order a role description reads. */
export const roleFieldGroups: { key: string; legend: string; fields: RoleFieldName[] }[] = [
  { key: 'purpose', legend: 'Purpose and priorities', fields: ['title', 'kind', 'purpose', 'priorityIds'] },
  { key: 'responsibilities', legend: 'Responsibilities', fields: ['responsibilities'] },
  {
    key: 'time',
    legend: 'Time and reach',
    fields: ['releasePercent', 'teachingLoad', 'reachTeachers', 'reachStudents'],
  },
  {
    key: 'pay',
    legend: 'Pay and funding',
    fields: ['payKind', 'stipendCents', 'supplementPercent', 'extraDays', 'payFunding'],
  },
  { key: 'positions', legend: 'Positions and schools', fields: ['positions', 'schoolIds'] },
  {
    key: 'selection',
    legend: 'Selection',
    fields: ['eligibility', 'selectionProcess', 'selectedBy', 'applicationOpens', 'applicationCloses'],
  },
  { key: 'term', legend: 'Term and reporting', fields: ['term', 'renewal', 'reportsTo'] },
  { key: 'authority', legend: 'Authority', fields: ['evaluatesStaff', 'supervisesStaff'] },
  { key: 'success', legend: 'Success and evaluation', fields: ['measureIds', 'teacherLeaderEvaluation'] },
  { key: 'support', legend: 'Support', fields: ['training', 'principalRole'] },
  { key: 'union', legend: 'Union', fields: ['unionConstraints', 'developedJointly'] },
];

export const fieldModeLabels: Record<FieldMode, string> = {
  tight: 'District (tight)',
  loose: 'Each school (loose)',
};

export function domainsText(domains: readonly number[]): string {
  return domains.length === 0 ? '' : `TLMS domain${domains.length === 1 ? '' : 's'} ${domains.join(', ')}`;
}

export function responsibilityText(r: Responsibility): string {
  const domains = domainsText(r.domains);
  return domains ? `${r.text} (${domains})` : r.text;
}

export const tlmsDomainTitle = (number: number) => tlmsDomains.find((d) => d.number === number)?.title ?? '';

/** Names of the rows a role links to; an id no longer in the plan reads as removed. */
function names(ids: readonly string[], rows: readonly { id: string; name: string }[]): string {
  if (ids.length === 0) return 'None';
  return ids.map((id) => rows.find((row) => row.id === id)?.name ?? 'A removed item').join(', ');
}

export interface RoleContext {
  plan: Plan;
  schools: readonly { id: string; name: string }[];
}

/** One field's value in words, for the read-only view and the conflict panel. */
export function formatRoleField(field: RoleFieldName, value: RoleValue, context: RoleContext): string {
  const text = (s: string) => (s.trim() === '' ? 'Not set' : s);
  const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
  switch (field) {
    case 'kind':
      return roleKindLabels[value.kind];
    case 'priorityIds':
      return names(
        value.priorityIds,
        context.plan.tables.priorities.map((p) => ({ id: p.id, name: p.title })),
      );
    case 'measureIds':
      return names(value.measureIds, context.plan.tables.measures);
    case 'schoolIds':
      return names(value.schoolIds, context.schools);
    case 'responsibilities':
      return value.responsibilities.length === 0
        ? 'None'
        : value.responsibilities.map((r, i) => `${String(i + 1)}. ${responsibilityText(r)}`).join('\n');
    case 'releasePercent':
    case 'supplementPercent':
      return value[field] === null ? notYetDecided : `${String(value[field])}%`;
    case 'reachTeachers':
    case 'reachStudents':
      return value[field] === null ? 'Not yet estimated' : formatNumber(value[field]);
    case 'positions':
      return formatNumber(value.positions);
    case 'extraDays':
      return value.extraDays === null
        ? notYetDecided
        : `${String(value.extraDays)} ${value.extraDays === 1 ? 'day' : 'days'}`;
    case 'stipendCents':
      return value.stipendCents === null ? notYetDecided : formatCents(value.stipendCents);
    case 'payKind':
      return value.payKind === null ? notYetDecided : payKindLabels[value.payKind];
    case 'payFunding':
      return value.payFunding === null ? notYetDecided : payFundingLabels[value.payFunding];
    case 'applicationOpens':
    case 'applicationCloses':
      return value[field] === null ? 'Not set' : formatDate(value[field]);
    case 'evaluatesStaff':
    case 'supervisesStaff':
    case 'developedJointly':
      return value[field] === null ? notYetDecided : yesNo(value[field]);
    case 'title':
    case 'purpose':
    case 'teachingLoad':
    case 'eligibility':
    case 'selectionProcess':
    case 'selectedBy':
    case 'term':
    case 'renewal':
    case 'reportsTo':
    case 'teacherLeaderEvaluation':
    case 'training':
    case 'principalRole':
    case 'unionConstraints':
      return text(value[field]);
  }
}
