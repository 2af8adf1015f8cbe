import { createBrowserRouter, Navigate } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { SignInPage } from '../features/auth/SignInPage';
import { BudgetPage } from '../features/budget/BudgetPage';
import { PlanDashboardPage } from '../features/dashboard/PlanDashboardPage';
import { MeasurePage } from '../features/measures/MeasurePage';
import { PlanIndexRedirect } from '../features/plans/PlanIndexRedirect';
import { PlansPage } from '../features/plans/PlansPage';
import { PlanStagePage } from '../features/plans/PlanStagePage';
import { ReviewsPage } from '../features/reviews/ReviewsPage';
import { RolePage } from '../features/roles/RolePage';
import { RolesPage } from '../features/roles/RolesPage';
import { paths } from './paths';
import { PublicLayout } from './PublicLayout';
import { RouteErrorPage } from './RouteErrorPage';
import { SessionLayout } from './SessionLayout';

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [{ path: paths.signIn, element: <SignInPage /> }],
      },
      {
        element: <SessionLayout whenSignedOut="sign-in" />,
        children: [
          { path: paths.home, element: <Navigate to={paths.plans} replace /> },
          { path: paths.plans, element: <PlansPage /> },
          { path: paths.plan, element: <PlanIndexRedirect /> },
          { path: paths.planStage, element: <PlanStagePage /> },
          { path: paths.planRoles, element: <RolesPage /> },
          { path: paths.planRole, element: <RolePage /> },
          { path: paths.planBudget, element: <BudgetPage /> },
          { path: paths.reviews, element: <ReviewsPage /> },
          { path: paths.planDashboard, element: <PlanDashboardPage /> },
          { path: paths.planMeasure, element: <MeasurePage /> },
        ],
      },
      {
        element: <SessionLayout whenSignedOut="public" />,
        children: [{ path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]);
