import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useColorScheme } from './lib/color-scheme';
import { loadSonner } from './lib/toast';

// Out of the entry chunk: fetched right after the first paint, long before any toast.
const Toaster = lazy(() => loadSonner().then((m) => ({ default: m.Toaster })));

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  const colorScheme = useColorScheme();
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Suspense>
        <Toaster position="bottom-right" richColors closeButton theme={colorScheme} />
      </Suspense>
    </QueryClientProvider>
  );
}
