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
