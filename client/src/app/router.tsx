import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { PublicLayout } from './layouts/PublicLayout';
import { RouteErrorPage } from './layouts/RouteErrorPage';
import { SessionLayout } from './layouts/SessionLayout';
import { SharedLayout } from './layouts/SharedLayout';
import { paths } from './paths';

/**
 * A page (or a plan's frame) whose code loads with its first visit, so the first page of a visit loads only
 * what it shows: the entry holds the providers, the session check and the app's header, and nothing of any
 * one page. The route renders at once and its code suspends under the layout's Suspense, so the layouts
 * around it (the app's header first) paint while it loads; a navigation keeps the page it leaves on screen
 * until the next one is ready (the router navigates in transitions).
 */
function page<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): Pick<RouteObject, 'Component' | 'handle'> {
  const Component = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return { Component, handle: { load } };
}

const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          {
            path: paths.signIn,
            ...page(() => import('./routes/sign-in-route'), 'SignInRoute'),
          },
          {
            path: paths.forgotPassword,
            ...page(() => import('./routes/public-routes'), 'ForgotPasswordRoute'),
          },
          {
            path: paths.resetPassword,
            ...page(() => import('./routes/public-routes'), 'ResetPasswordRoute'),
          },
          {
            path: paths.acceptInvitation,
            ...page(() => import('./routes/public-routes'), 'AcceptInvitationRoute'),
          },
        ],
      },
      {
        // A share link's page: no account, no app around it.
        element: <SharedLayout />,
        children: [
          {
            path: paths.sharedPlan,
            ...page(() => import('./routes/shared-route'), 'SharedPlanRoute'),
          },
        ],
      },
      {
        element: <SessionLayout whenSignedOut="sign-in" />,
        children: [
          {
            path: paths.home,
            ...page(() => import('./routes/home-route'), 'HomeRoute'),
          },
          {
            path: paths.plans,
            ...page(() => import('./routes/plans-route'), 'PlansRoute'),
          },
          {
            path: paths.reviews,
            ...page(() => import('./routes/reviews-route'), 'ReviewsRoute'),
          },
          {
            path: paths.notifications,
            ...page(() => import('./routes/notifications-routes'), 'NotificationsRoute'),
          },
          {
            path: paths.notificationSettings,
            ...page(() => import('./routes/notifications-routes'), 'NotificationSettingsRoute'),
          },
          {
            path: paths.people,
            ...page(() => import('./routes/district-routes'), 'PeopleRoute'),
          },
          {
            path: paths.schools,
            ...page(() => import('./routes/district-routes'), 'SchoolsRoute'),
          },
          {
            path: paths.districtSignIn,
            ...page(() => import('./routes/district-routes'), 'DistrictSignInRoute'),
          },
          {
            path: paths.account,
            ...page(() => import('./routes/district-routes'), 'AccountRoute'),
          },
          {
            path: paths.plan,
            // The plan's frame (stepper, exports, item history) is code only a plan's pages need.
            ...page(() => import('./layouts/PlanLayout'), 'PlanLayout'),
            children: [
              {
                index: true,
                ...page(() => import('./routes/stage-route'), 'PlanIndexRoute'),
              },
              {
                path: paths.planStage,
                ...page(() => import('./routes/stage-route'), 'StageRoute'),
              },
              {
                path: paths.planDashboard,
                ...page(() => import('./routes/dashboard-route'), 'DashboardRoute'),
              },
              {
                path: paths.planMeasure,
                ...page(() => import('./routes/measure-route'), 'MeasureRoute'),
              },
              {
                path: paths.planRoles,
                ...page(() => import('./routes/roles-routes'), 'RolesRoute'),
              },
              {
                path: paths.planRole,
                ...page(() => import('./routes/roles-routes'), 'RoleRoute'),
              },
              {
                path: paths.planReadiness,
                ...page(() => import('./routes/readiness-route'), 'ReadinessRoute'),
              },
              {
                path: paths.planComments,
                ...page(() => import('./routes/comments-route'), 'PlanCommentsRoute'),
              },
              {
                path: paths.planBudget,
                ...page(() => import('./routes/budget-route'), 'BudgetRoute'),
              },
              {
                path: paths.planActions,
                ...page(() => import('./routes/actions-route'), 'ActionsRoute'),
              },
              {
                path: paths.planLogicModel,
                ...page(() => import('./routes/logic-model-route'), 'LogicModelRoute'),
              },
              {
                path: paths.planHistory,
                ...page(() => import('./routes/history-route'), 'HistoryRoute'),
              },
              {
                path: paths.planStakeholder,
                ...page(() => import('./routes/stakeholder-route'), 'StakeholderRoute'),
              },
              {
                path: paths.planStakeholderInput,
                ...page(() => import('./routes/stakeholder-route'), 'StakeholderInputRoute'),
              },
            ],
          },
        ],
      },
      {
        element: <SessionLayout whenSignedOut="public" />,
        children: [{ path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);

/** The code of the page at `pathname` and of its layouts, asked for all at once, not each as the one around it renders. */
export function loadPageCode(pathname: string): void {
  for (const match of matchRoutes(routes, pathname) ?? []) {
    void (match.route.handle as { load?: () => Promise<unknown> } | undefined)?.load?.();
  }
}
