// Tokens and base styles first: each feature's CSS Module comes after them and may refine them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers/AppProviders';
import { router } from './app/router';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to render the planner into.');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
