import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'react-dom';
// What `react-router/dom`'s RouterProvider does (main.tsx), without a second copy of the router
// under Vitest: `navigate(…, { flushSync: true })` needs it.
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../lib/query-client';
import { AppProviders } from '../providers';
import { createRoutes } from '../router';

/** The whole SPA at a URL, as a person would open it. */
export function renderApp(url: string) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [url] });
  const user = userEvent.setup();
  render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} flushSync={(update) => void flushSync(update)} />
    </AppProviders>,
  );
  return { router, user, queryClient };
}
