import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useColorScheme } from './lib/color-scheme';
import { loadSonner, useToastsWanted } from './lib/toast';

// Out of the entry chunk, and not fetched before the first toast (lib/toast.ts).
const Toaster = lazy(() => loadSonner().then((m) => ({ default: m.Toaster })));

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  const colorScheme = useColorScheme();
  const toasts = useToastsWanted();
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {toasts && (
        <Suspense>
          <Toaster position="bottom-right" richColors closeButton theme={colorScheme} />
        </Suspense>
      )}
    </QueryClientProvider>
  );
}
