/**
 * Where a plan's unsent edits are kept on this device: per person (so the next person to sign in on a
 * shared computer never sends them as their own), plan and item.
 */
export const planEditsKeyPrefix = (userId: string, planId: string) => `${userId}:${planId}:`;

export const answerEditKey = (userId: string, planId: string, questionKey: string) =>
  `${planEditsKeyPrefix(userId, planId)}answer:${questionKey}`;

export const questionEditKey = (userId: string, planId: string, questionKey: string) =>
  `${planEditsKeyPrefix(userId, planId)}question:${questionKey}`;

export const actionEditKey = (userId: string, planId: string, actionId: string) =>
  `${planEditsKeyPrefix(userId, planId)}action:${actionId}`;
