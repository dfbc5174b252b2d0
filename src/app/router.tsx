import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from './app-shell';
import { Spinner } from './components/spinner';
import { RouteError } from './routes/route-error';

/** The SPA's routes; `queryClient` is the one the pages read, which route loaders fill ahead. */
export const createRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    errorElement: <RouteError />,
    // Shown while a lazy route's code loads on first visit.
    hydrateFallbackElement: (
      <div className="flex h-dvh items-center justify-center text-slate-400">
        <Spinner />
      </div>
    ),
    children: [
      {
        // Public; seen once a day at most, so not in the entry chunk.
        path: 'sign-in',
        lazy: () => import('./features/auth/sign-in-page').then((m) => ({ Component: m.SignInPage })),
      },
      {
        // Everything else needs a session (the shell guards it).
        element: <AppShell />,
        children: [
          {
            index: true,
            lazy: () => import('./routes/root-redirect').then((m) => ({ Component: m.RootRedirect })),
          },
          {
            // The page people live on. Lazy all the same: it loads (with zod, which it shares with the
            // response checks) while the session is asked for. The drawer is a child route over it,
            // so closing it keeps the list, its scroll and its filters.
            path: 'entities/:entityId/records',
            lazy: {
              // Its code and its first rows load side by side (the loader only starts the request).
              loader: () =>
                import('./features/records/records-loader').then((m) => m.recordsLoader(queryClient)),
              Component: () => import('./features/records/records-page').then((m) => m.RecordsPage),
            },
            // Only on entering the page: later (filters, the drawer) the page asks for itself.
            shouldRevalidate: () => false,
            children: [
              {
                path: ':recordId',
                lazy: () =>
                  import('./features/records/record-drawer').then((m) => ({ Component: m.RecordDrawer })),
              },
            ],
          },
          {
            path: 'audit',
            lazy: () => import('./features/audit/audit-page').then((m) => ({ Component: m.AuditPage })),
          },
          {
            path: 'admin',
            lazy: () => import('./features/admin/admin-page').then((m) => ({ Component: m.AdminPage })),
          },
          { path: '*', lazy: () => import('./routes/not-found').then((m) => ({ Component: m.NotFound })) },
        ],
      },
    ],
  },
];

export const createAppRouter = (queryClient: QueryClient) => createBrowserRouter(createRoutes(queryClient));
