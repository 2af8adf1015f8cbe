import { generatePath } from 'react-router';

/** Every route path of the client, in one place. Features get the links they need from the routes. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  plans: '/plans',
  plan: '/plans/:planId',
  planStage: '/plans/:planId/stages/:stageKey',
  planDashboard: '/plans/:planId/dashboard',
  planMeasure: '/plans/:planId/measures/:measureId',
  planRoles: '/plans/:planId/roles',
  planRole: '/plans/:planId/roles/:roleId',
  planBudget: '/plans/:planId/budget',
  planActions: '/plans/:planId/actions',
  planHistory: '/plans/:planId/history',
  planStakeholder: '/plans/:planId/stakeholders/:stakeholderId',
  planStakeholderInput: '/plans/:planId/inputs/:inputId',

  planComments: '/plans/:planId/comments',
  reviews: '/reviews',
  notifications: '/notifications',
  notificationSettings: '/notifications/settings',
  people: '/people',
  schools: '/schools',
  districtSignIn: '/district-sign-in',
  account: '/account',
  forgotPassword: '/forgot-password',
  /** The server builds these two addresses in the links it emails (invitations and password resets). */
  acceptInvitation: '/invitations/:token',
  resetPassword: '/reset-password/:token',
  /** The server builds this address too: a read-only share link of a plan, for the board. */
  sharedPlan: '/shared/:token',
} as const;

export const planPath = (planId: string): string => generatePath(paths.plan, { planId });

export const planStagePath = (planId: string, stageKey: string): string =>
  generatePath(paths.planStage, { planId, stageKey });

export const planDashboardPath = (planId: string): string => generatePath(paths.planDashboard, { planId });

export const planMeasurePath = (planId: string, measureId: string): string =>
  generatePath(paths.planMeasure, { planId, measureId });

export const planRolesPath = (planId: string): string => generatePath(paths.planRoles, { planId });

export const planRolePath = (planId: string, roleId: string): string =>
  generatePath(paths.planRole, { planId, roleId });

export const planBudgetPath = (planId: string): string => generatePath(paths.planBudget, { planId });

export const planActionsPath = (planId: string): string => generatePath(paths.planActions, { planId });

export const planHistoryPath = (planId: string): string => generatePath(paths.planHistory, { planId });

export const planStakeholderPath = (planId: string, stakeholderId: string): string =>
  generatePath(paths.planStakeholder, { planId, stakeholderId });

export const planStakeholderInputPath = (planId: string, inputId: string): string =>
  generatePath(paths.planStakeholderInput, { planId, inputId });

/** The plan's comments page, filtered to a stage when one is given. */
export const planCommentsPath = (planId: string, stageKey?: string): string =>
  `${generatePath(paths.planComments, { planId })}${stageKey ? `?stage=${encodeURIComponent(stageKey)}` : ''}`;
