import type { PlanSummary } from '@planner/shared/plan';

/** 2026-27 -> 2027-28. */
export function nextSchoolYear(schoolYear: string): string {
  const start = Number(schoolYear.slice(0, 4));
  if (!/^\d{4}-\d{2}$/.test(schoolYear) || Number.isNaN(start)) return '';
  const next = start + 1;
  return `${String(next)}-${String((next + 1) % 100).padStart(2, '0')}`;
}

/** The title of next year's copy: the year in the title moved on, or the new year added. */
export function titleForYear(title: string, from: string, to: string): string {
  if (to === '') return title;
  return title.includes(from) ? title.replaceAll(from, to) : `${title} ${to}`;
}

/**
 * What "Copy to a new year" proposes: the first school year after the plan's for which no plan of
 * the district already has the copy's title (the server refuses a second plan of one title and year).
 */
export function proposedCopy(plan: Pick<PlanSummary, 'title' | 'schoolYear'>, plans: readonly PlanSummary[]) {
  let schoolYear = nextSchoolYear(plan.schoolYear);
  for (let tries = 0; schoolYear !== '' && tries < 50; tries += 1) {
    const title = titleForYear(plan.title, plan.schoolYear, schoolYear);
    if (!plans.some((p) => p.schoolYear === schoolYear && p.title === title)) return { title, schoolYear };
    schoolYear = nextSchoolYear(schoolYear);
  }
  return { title: plan.title, schoolYear };
}
