/** TanStack Query defaults for the whole SPA, in one place. */
import { QueryClient } from '@tanstack/react-query';
import { ApiError, isTransient } from '../api/client';

const MAX_RETRIES = 3;

/** Only failures that may pass: a 400 or 404 will not fix itself. */
export const shouldRetry = (failureCount: number, error: Error) =>
  failureCount < MAX_RETRIES && isTransient(error);

/** Honour the BFF's Retry-After on 429 instead of hammering a rate-limited Monite. */
export const retryDelay = (attempt: number, error: Error) =>
  error instanceof ApiError && error.retryAfter !== undefined
    ? error.retryAfter * 1000
    : Math.min(1000 * 2 ** attempt, 10_000);

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Mounting a second view of the same data (row → drawer) should not refetch at once.
        staleTime: 5_000,
        retry: shouldRetry,
        retryDelay,
      },
      // A push is not idempotent from the person's point of view: never repeat one silently.
      mutations: { retry: false },
    },
  });
}
