import { generatePath } from 'react-router';

/** Every route path of the client, in one place. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  plans: '/plans',
  plan: '/plans/:planId',
  planStage: '/plans/:planId/stages/:stageKey',
} as const;

export const planPath = (planId: string): string => generatePath(paths.plan, { planId });

export const planStagePath = (planId: string, stageKey: string): string =>
  generatePath(paths.planStage, { planId, stageKey });
