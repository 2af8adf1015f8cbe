import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';

export const answerEditKey = (userId: string, planId: string, questionKey: string) =>
  `${planEditsKeyPrefix(userId, planId)}answer:${questionKey}`;

export const questionEditKey = (userId: string, planId: string, questionKey: string) =>
  `${planEditsKeyPrefix(userId, planId)}question:${questionKey}`;

export const actionEditKey = (userId: string, planId: string, actionId: string) =>
  `${planEditsKeyPrefix(userId, planId)}action:${actionId}`;
