import type { HistoryEntry } from '@planner/shared/history';

/** Names made unique where some are alike, each of those followed by "(2 of 3 alike)". */
export function namedApart(names: readonly string[]): string[] {
  const totals = new Map<string, number>();
  for (const name of names) totals.set(name, (totals.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((name) => {
    const total = totals.get(name) ?? 1;
    if (total === 1) return name;
    const nth = (seen.get(name) ?? 0) + 1;
    seen.set(name, nth);
    return `${name} (${String(nth)} of ${String(total)} alike)`;
  });
}

const shortened = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text || '(empty)');

/** What restoring a change gives back, in short: "Status: In progress". */
export const whatItRestores = (entry: HistoryEntry): string =>
  entry.changes.map((change) => `${change.label}: ${shortened(change.after)}`).join('; ');

/**
 * The restore buttons' names, apart from one another: each version by its time to the second, and where
 * two share it (saved in one second), also by what it restores.
 */
export function restoreNames(entries: readonly HistoryEntry[], at: (entry: HistoryEntry) => string): string[] {
  const byTime = entries.map(at);
  const clash = (time: string) => byTime.filter((other) => other === time).length > 1;
  return namedApart(
    entries.map((entry, index) => {
      const time = byTime[index] ?? '';
      return clash(time) ? `${time} (${whatItRestores(entry)})` : time;
    }),
  );
}
