// Tokens and base styles first: each feature's CSS Module comes after them and may refine them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/print.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers/AppProviders';
import { loadPageCode, router } from './app/router';

// The pages' Content-Security-Policy forbids eval: zod (loaded later, by the pages that check input) is
// told not to try it, so its compiled parsers' probe is no violation for the browser to report. Set on the
// global object that zod's `config()` writes and every copy of zod reads, so the entry need not load zod's
// core for it (3.6 KiB gzipped of the first page).
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;

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
