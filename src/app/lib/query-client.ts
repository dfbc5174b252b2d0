/** TanStack Query defaults for the whole SPA, in one place. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isTransient, isUnauthenticated } from '../api/client';
import { mutationKeys, queryKeys } from '../api/query-keys';
import { endSession } from '../api/session';
import type { SessionResponse } from '../../contract/session';
import { toast } from './toast';

const MAX_RETRIES = 3;

/** Only failures that may pass: a 400, 401, 403 or 404 will not fix itself. */
export const shouldRetry = (failureCount: number, error: Error) =>
  failureCount < MAX_RETRIES && isTransient(error);

/** Honour the BFF's Retry-After on 429 instead of hammering a rate-limited Monite. */
export const retryDelay = (attempt: number, error: Error) =>
  error instanceof ApiError && error.retryAfter !== undefined
    ? error.retryAfter * 1000
    : Math.min(1000 * 2 ** attempt, 10_000);

/**
 * Any request answered 401 `unauthenticated` means the session ended mid-use (idle or absolute
 * timeout, or signed out in another tab). Forget the user: the session guard then sends the
 * person to sign in, with the page they were on (and its filters) as `next`.
 */
export function onUnauthenticated(queryClient: QueryClient) {
  // Requests racing our own sign-out are expected to fail this way: nothing to say.
  if (queryClient.isMutating({ mutationKey: mutationKeys.signOut() }) > 0) return;
  const session = queryClient.getQueryData<SessionResponse>(queryKeys.session());
  // Several requests fail at once when a session ends: one toast is enough.
  if (!session?.user) return;
  endSession(queryClient);
  toast.info('Your session ended; sign in again.', { id: 'session-ended' });
}

export function createQueryClient() {
  const onError = (error: Error) => {
    if (isUnauthenticated(error)) onUnauthenticated(queryClient);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
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
  return queryClient;
}
