/**
 * Where a plan's unsent edits are kept on this device: per person (so the next person to sign in on a
 * shared computer never sends them as their own), plan and item. Each feature adds its item's part.
 */
export const planEditsKeyPrefix = (userId: string, planId: string) => `${userId}:${planId}:`;

/** The plan of one of the person's kept edits (see planEditsKeyPrefix), or null for another person's. */
export function planIdOfEditKey(userId: string, key: string): string | null {
  const start = `${userId}:`;
  return key.startsWith(start) ? (key.slice(start.length).split(':')[0] ?? null) : null;
}
