import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { PlanLayout } from './layouts/PlanLayout';
import { PublicLayout } from './layouts/PublicLayout';
import { RouteErrorPage } from './layouts/RouteErrorPage';
import { SessionLayout } from './layouts/SessionLayout';
import { paths } from './paths';
import { BudgetRoute } from './routes/budget-route';
import { DashboardRoute } from './routes/dashboard-route';
import { MeasureRoute } from './routes/measure-route';
import { RoleRoute, RolesRoute } from './routes/roles-routes';
import { PlanIndexRoute, StageRoute } from './routes/stage-route';
import { HomeRoute, PlansRoute, ReviewsRoute, SignInRoute } from './routes/top-routes';

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [{ path: paths.signIn, element: <SignInRoute /> }],
      },
      {
        element: <SessionLayout whenSignedOut="sign-in" />,
        children: [
          { path: paths.home, element: <HomeRoute /> },
          { path: paths.plans, element: <PlansRoute /> },
          { path: paths.reviews, element: <ReviewsRoute /> },
          {
            path: paths.plan,
            element: <PlanLayout />,
            children: [
              { index: true, element: <PlanIndexRoute /> },
              { path: paths.planStage, element: <StageRoute /> },
              { path: paths.planDashboard, element: <DashboardRoute /> },
              { path: paths.planMeasure, element: <MeasureRoute /> },
              { path: paths.planRoles, element: <RolesRoute /> },
              { path: paths.planRole, element: <RoleRoute /> },
              { path: paths.planBudget, element: <BudgetRoute /> },
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
