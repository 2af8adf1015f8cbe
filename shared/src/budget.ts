import { z } from 'zod';
import { countOf, formatCents, listOf } from './format';

/**
 * What the teacher-leader roles cost a year, and how the plan's funding covers it: one pure function
 * used by the budget page, the dashboard and the PDF. Money is whole cents throughout.
 */
export interface CostSettings {
  /** Average yearly cost of a teacher (salary and benefits), set by the district for the plan. */
  averageTeacherCostCents: number;
  /** Contract days in a teacher's year, to price extra days. */
  contractDays: number;
}

export interface RoleForCost {
  id: string;
  title: string;
  /** Null while not yet decided, costed as nothing until then. */
  payKind: 'stipend' | 'percent_supplement' | 'extra_days' | null;
  stipendCents: number | null;
  supplementPercent: number | null;
  extraDays: number | null;
  payFunding: 'recurring' | 'grant' | null;
  releasePercent: number | null;
  positions: number;
}

export interface FundingForBudget {
  kind: 'existing' | 'redistributed' | 'new_grant';
  amountCents: number;
  schoolYears: string[];
  status: 'secured' | 'pending' | 'idea';
}

export interface RoleCost {
  roleId: string;
  title: string;
  payPerPositionCents: number;
  releasedTimePerPositionCents: number;
  perPositionCents: number;
  totalCents: number;
  /** Null while not yet decided. */
  payFunding: 'recurring' | 'grant' | null;
}

export interface YearBudget {
  schoolYear: string;
  costCents: number;
  /** Secured funding listed for the year, by where it comes from. */
  securedRecurringCents: number;
  securedGrantCents: number;
  pendingCents: number;
  ideaCents: number;
  /** Cost not covered by secured funding; 0 when covered. */
  shortfallCents: number;
  /**
   * Share of secured funding that is recurring, 0 to 100, rounded down as progress is: 100 only when all of
   * it is; null when nothing is secured.
   */
  recurringSharePercent: number | null;
}

/**
 * How a year's cost stands against its secured funding, in words: "$20,000.00 short", "covered by secured
 * funding", or, when the roles cost nothing yet, "no costs yet" (where "covered" would read oddly beside
 * nothing secured). The budget page and the PDF say it alike.
 */
export function yearCoverage(year: Pick<YearBudget, 'costCents' | 'shortfallCents'>): string {
  if (year.costCents === 0) return 'no costs yet';
  return year.shortfallCents > 0 ? `${formatCents(year.shortfallCents)} short` : 'covered by secured funding';
}

/** "75%" of secured money is recurring, or "less than 1%" when some is but the share rounds down to 0. */
export const recurringShareText = (percent: number, securedRecurringCents: number): string =>
  percent === 0 && securedRecurringCents > 0 ? 'less than 1%' : `${String(percent)}%`;

/**
 * "2026-27: $20,000.00 short ($5,000.00 more is pending and $3,000.00 more is only an idea); 75% of secured money
 * is recurring": the budget page and the plan's PDF alike.
 */
export function describeYear(year: YearBudget): string {
  const cover = yearCoverage(year);
  const hoped = [
    ...(year.pendingCents > 0 ? [`${formatCents(year.pendingCents)} more is pending`] : []),
    ...(year.ideaCents > 0 ? [`${formatCents(year.ideaCents)} more is only an idea`] : []),
  ];
  const pending = hoped.length > 0 ? ` (${listOf(hoped)})` : '';
  const share =
    year.recurringSharePercent === null
      ? 'no money secured yet'
      : `${recurringShareText(year.recurringSharePercent, year.securedRecurringCents)} of secured money is recurring`;
  return `${year.schoolYear}: ${cover}${pending}; ${share}`;
}

/**
 * The figures the budget is priced at, for everyone who does not get the form that sets them: "Priced at an
 * average teacher cost of $80,000.00 a year and 185 contract days."
 */
export const costSettingsSentence = (settings: CostSettings): string =>
  `Priced at an average teacher cost of ${formatCents(settings.averageTeacherCostCents)} a year and ` +
  `${countOf(settings.contractDays, 'contract day')}.`;

export interface Budget {
  roles: RoleCost[];
  totalCents: number;
  /** Cost of the roles paid from recurring budget, and from grants (by each role's own choice). */
  recurringRoleCostCents: number;
  grantRoleCostCents: number;
  years: YearBudget[];
}

export function roleCost(role: RoleForCost, settings: CostSettings): RoleCost {
  const teacher = settings.averageTeacherCostCents;
  const pay =
    role.payKind === 'stipend'
      ? (role.stipendCents ?? 0)
      : role.payKind === 'percent_supplement'
        ? Math.round((teacher * (role.supplementPercent ?? 0)) / 100)
        : role.payKind === 'extra_days'
          ? Math.round((teacher * (role.extraDays ?? 0)) / Math.max(settings.contractDays, 1))
          : 0;
  // Released time is paid for by someone covering the classes: that share of a teacher's cost.
  const released = Math.round((teacher * (role.releasePercent ?? 0)) / 100);
  const perPosition = pay + released;
  return {
    roleId: role.id,
    title: role.title,
    payPerPositionCents: pay,
    releasedTimePerPositionCents: released,
    perPositionCents: perPosition,
    totalCents: perPosition * role.positions,
    payFunding: role.payFunding,
  };
}

const isGrant = (f: FundingForBudget) => f.kind === 'new_grant';

/** The years a source funds; one that lists none counts toward the plan's own year rather than vanishing. */
const yearsOf = (f: FundingForBudget, planSchoolYear: string) =>
  f.schoolYears.length > 0 ? f.schoolYears : [planSchoolYear];

/** The plan's school year and every year a funding source lists, in order. */
export function budgetYears(planSchoolYear: string, funding: readonly FundingForBudget[]): string[] {
  return [...new Set([planSchoolYear, ...funding.flatMap((f) => f.schoolYears)])].sort();
}

export function computeBudget(
  roles: readonly RoleForCost[],
  funding: readonly FundingForBudget[],
  settings: CostSettings,
  planSchoolYear: string,
): Budget {
  const costs = roles.map((r) => roleCost(r, settings));
  const totalCents = costs.reduce((sum, c) => sum + c.totalCents, 0);
  const sum = (list: readonly FundingForBudget[]) => list.reduce((s, f) => s + f.amountCents, 0);
  const years = budgetYears(planSchoolYear, funding).map((schoolYear): YearBudget => {
    const inYear = funding.filter((f) => yearsOf(f, planSchoolYear).includes(schoolYear));
    const secured = inYear.filter((f) => f.status === 'secured');
    const securedRecurringCents = sum(secured.filter((f) => !isGrant(f)));
    const securedGrantCents = sum(secured.filter(isGrant));
    const securedTotal = securedRecurringCents + securedGrantCents;
    return {
      schoolYear,
      costCents: totalCents,
      securedRecurringCents,
      securedGrantCents,
      pendingCents: sum(inYear.filter((f) => f.status === 'pending')),
      ideaCents: sum(inYear.filter((f) => f.status === 'idea')),
      shortfallCents: Math.max(0, totalCents - securedTotal),
      recurringSharePercent: securedTotal === 0 ? null : Math.floor((securedRecurringCents * 100) / securedTotal),
    };
  });
  return {
    roles: costs,
    totalCents,
    recurringRoleCostCents: costs.filter((c) => c.payFunding === 'recurring').reduce((s, c) => s + c.totalCents, 0),
    grantRoleCostCents: costs.filter((c) => c.payFunding === 'grant').reduce((s, c) => s + c.totalCents, 0),
    years,
  };
}

/** The budget as GET /api/plans/:planId/budget answers it. */
export const budgetSchema = z
  .object({
    roles: z.array(
      z.object({
        roleId: z.uuid(),
        title: z.string(),
        payPerPositionCents: z.number().int(),
        releasedTimePerPositionCents: z.number().int(),
        perPositionCents: z.number().int(),
        totalCents: z.number().int(),
        payFunding: z.enum(['recurring', 'grant']).nullable(),
      }),
    ),
    totalCents: z.number().int(),
    recurringRoleCostCents: z.number().int(),
    grantRoleCostCents: z.number().int(),
    years: z.array(
      z.object({
        schoolYear: z.string(),
        costCents: z.number().int(),
        securedRecurringCents: z.number().int(),
        securedGrantCents: z.number().int(),
        pendingCents: z.number().int(),
        ideaCents: z.number().int(),
        shortfallCents: z.number().int(),
        recurringSharePercent: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'Budget' });

/**
 * What the program costs, saying what it counts: every role the plan defines, approved or not, as the budget
 * page's tables and the dashboard count them (a share link, which counts the approved roles only, says so itself).
 * "2 teacher-leader roles, approved or not, cost $90,000.00 a year: $60,000.00 in roles meant to be paid from
 * recurring budget and $30,000.00 in roles meant to be paid from grants."
 */
export function programCostSentence(budget: Budget): string {
  const count = budget.roles.length;
  // A role whose source of funds nobody has chosen yet still costs: said apart, so the parts add up to the whole.
  const undecidedCents = budget.totalCents - budget.recurringRoleCostCents - budget.grantRoleCostCents;
  const parts = [
    `${formatCents(budget.recurringRoleCostCents)} in roles meant to be paid from recurring budget`,
    `${formatCents(budget.grantRoleCostCents)} in roles meant to be paid from grants`,
    ...(undecidedCents > 0 ? [`${formatCents(undecidedCents)} in roles whose source of funds is not yet decided`] : []),
  ];
  return (
    `${countOf(count, 'teacher-leader role')}, approved or not, ${count === 1 ? 'costs' : 'cost'} ` +
    `${formatCents(budget.totalCents)} a year: ${listOf(parts)}.`
  );
}
