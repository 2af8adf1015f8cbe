import { createBrowserRouter, Navigate } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { SignInPage } from '../features/auth/SignInPage';
import { PlanIndexRedirect } from '../features/plans/PlanIndexRedirect';
import { PlansPage } from '../features/plans/PlansPage';
import { PlanStagePage } from '../features/plans/PlanStagePage';
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
        ],
      },
      {
        element: <SessionLayout whenSignedOut="public" />,
        children: [{ path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]);
