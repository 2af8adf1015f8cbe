/**
 * Where a plan's unsent edits are kept on this device: per person (so the next person to sign in on a
 * shared computer never sends them as their own), plan and item. Each feature adds its item's part.
 */
export const planEditsKeyPrefix = (userId: string, planId: string) => `${userId}:${planId}:`;
