// Tokens and base styles first: each feature's CSS Module comes after them and may refine them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/print.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod/v4/core';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers/AppProviders';
import { loadPageCode, router } from './app/router';

// The pages' Content-Security-Policy forbids eval: zod (loaded later, by the pages that check input) is
// told not to try it, so its compiled parsers' probe is no violation for the browser to report.
zodConfig({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to render the planner into.');

// Built as a transition, which React splits into short tasks: a phone's main thread is never held for
// the whole first render.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <AppProviders loadPageCode={loadPageCode}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
});
