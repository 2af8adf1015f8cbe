import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { PublicLayout } from './layouts/PublicLayout';
import { RouteErrorPage } from './layouts/RouteErrorPage';
import { SessionLayout } from './layouts/SessionLayout';
import { SharedLayout } from './layouts/SharedLayout';
import { StartingFallback } from './layouts/StartingFallback';
import { paths } from './paths';

// Each page's code loads with its first visit, so the first page of a visit loads only what it shows:
// the entry holds the providers, the session check and the app's header, and nothing of any one page.
export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <StartingFallback />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          {
            path: paths.signIn,
            lazy: () => import('./routes/sign-in-route').then((m) => ({ Component: m.SignInRoute })),
          },
          {
            path: paths.forgotPassword,
            lazy: () => import('./routes/public-routes').then((m) => ({ Component: m.ForgotPasswordRoute })),
          },
          {
            path: paths.resetPassword,
            lazy: () => import('./routes/public-routes').then((m) => ({ Component: m.ResetPasswordRoute })),
          },
          {
            path: paths.acceptInvitation,
            lazy: () => import('./routes/public-routes').then((m) => ({ Component: m.AcceptInvitationRoute })),
          },
        ],
      },
      {
        // A share link's page: no account, no app around it.
        element: <SharedLayout />,
        children: [
          {
            path: paths.sharedPlan,
            lazy: () => import('./routes/shared-route').then((m) => ({ Component: m.SharedPlanRoute })),
          },
        ],
      },
      {
        element: <SessionLayout whenSignedOut="sign-in" />,
        children: [
          {
            path: paths.home,
            lazy: () => import('./routes/home-route').then((m) => ({ Component: m.HomeRoute })),
          },
          {
            path: paths.plans,
            lazy: () => import('./routes/plans-route').then((m) => ({ Component: m.PlansRoute })),
          },
          {
            path: paths.reviews,
            lazy: () => import('./routes/reviews-route').then((m) => ({ Component: m.ReviewsRoute })),
          },
          {
            path: paths.notifications,
            lazy: () => import('./routes/notifications-routes').then((m) => ({ Component: m.NotificationsRoute })),
          },
          {
            path: paths.notificationSettings,
            lazy: () =>
              import('./routes/notifications-routes').then((m) => ({ Component: m.NotificationSettingsRoute })),
          },
          {
            path: paths.people,
            lazy: () => import('./routes/district-routes').then((m) => ({ Component: m.PeopleRoute })),
          },
          {
            path: paths.schools,
            lazy: () => import('./routes/district-routes').then((m) => ({ Component: m.SchoolsRoute })),
          },
          {
            path: paths.districtSignIn,
            lazy: () => import('./routes/district-routes').then((m) => ({ Component: m.DistrictSignInRoute })),
          },
          {
            path: paths.account,
            lazy: () => import('./routes/district-routes').then((m) => ({ Component: m.AccountRoute })),
          },
          {
            path: paths.plan,
            // The plan's frame (stepper, exports, item history) is code only a plan's pages need.
            lazy: () => import('./layouts/PlanLayout').then((m) => ({ Component: m.PlanLayout })),
            children: [
              {
                index: true,
                lazy: () => import('./routes/stage-route').then((m) => ({ Component: m.PlanIndexRoute })),
              },
              {
                path: paths.planStage,
                lazy: () => import('./routes/stage-route').then((m) => ({ Component: m.StageRoute })),
              },
              {
                path: paths.planDashboard,
                lazy: () => import('./routes/dashboard-route').then((m) => ({ Component: m.DashboardRoute })),
              },
              {
                path: paths.planMeasure,
                lazy: () => import('./routes/measure-route').then((m) => ({ Component: m.MeasureRoute })),
              },
              {
                path: paths.planRoles,
                lazy: () => import('./routes/roles-routes').then((m) => ({ Component: m.RolesRoute })),
              },
              {
                path: paths.planRole,
                lazy: () => import('./routes/roles-routes').then((m) => ({ Component: m.RoleRoute })),
              },
              {
                path: paths.planComments,
                lazy: () => import('./routes/comments-route').then((m) => ({ Component: m.PlanCommentsRoute })),
              },
              {
                path: paths.planBudget,
                lazy: () => import('./routes/budget-route').then((m) => ({ Component: m.BudgetRoute })),
              },
              {
                path: paths.planActions,
                lazy: () => import('./routes/actions-route').then((m) => ({ Component: m.ActionsRoute })),
              },
              {
                path: paths.planHistory,
                lazy: () => import('./routes/history-route').then((m) => ({ Component: m.HistoryRoute })),
              },
              {
                path: paths.planStakeholder,
                lazy: () => import('./routes/stakeholder-route').then((m) => ({ Component: m.StakeholderRoute })),
              },
              {
                path: paths.planStakeholderInput,
                lazy: () => import('./routes/stakeholder-route').then((m) => ({ Component: m.StakeholderInputRoute })),
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
]);
