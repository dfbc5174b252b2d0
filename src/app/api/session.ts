import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { SessionResponse } from '../../contract/session';
import { apiFetch } from './client';
import { queryKeys } from './query-keys';

export const getSession = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiFetch('/api/session', 'session', { signal });

export const getSessionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.session(),
    queryFn: getSession,
    // Only our own actions change it (sign in, sign out) or a 401 from any route (it expired):
    // each of those writes it, so it is never refetched behind the person's back.
    staleTime: Infinity,
  });

export const useSession = () => useQuery(getSessionQueryOptions());

/**
 * Forget who was signed in (the session ended): the guard then sends the person to sign in. The
 * query is marked stale, so the sign-in page asks again (and gets the demo accounts, if any).
 */
export function endSession(queryClient: QueryClient) {
  queryClient.setQueryData<SessionResponse>(queryKeys.session(), { user: null });
  void queryClient.invalidateQueries({ queryKey: queryKeys.session(), refetchType: 'none' });
}
