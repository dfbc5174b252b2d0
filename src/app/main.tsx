import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { getSessionQueryOptions } from './api/session';
import { followColorScheme } from './lib/color-scheme';
import { createQueryClient } from './lib/query-client';
import { AppProviders } from './providers';
import { createAppRouter } from './router';
import './index.css';

// Before anything renders, so the first paint is already in the remembered scheme.
followColorScheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
// Who is signed in decides the first screen: ask while the lazy route chunks load.
void queryClient.prefetchQuery(getSessionQueryOptions());

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={createAppRouter(queryClient)} />
    </AppProviders>
  </StrictMode>,
);
