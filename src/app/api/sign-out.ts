import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { SignOutResponse } from '../../contract/session';
import { apiFetch } from './client';
import { mutationKeys, queryKeys } from './query-keys';

/** `DELETE /api/session`: nothing more, or the identity provider's sign-out page to go on to. */
export const signOut = () => apiFetch('/api/session', 'signOut', { method: 'DELETE' });

type SignOutOptions = {
  mutationConfig?: Pick<UseMutationOptions<SignOutResponse | undefined, Error>, 'onSuccess' | 'onError'>;
};

export function useSignOut({ mutationConfig }: SignOutOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    mutationKey: mutationKeys.signOut(),
    mutationFn: signOut,
    onSuccess: async (...args) => {
      // Stale, so the sign-in page asks again instead of taking the person for still signed in.
      void queryClient.invalidateQueries({ queryKey: queryKeys.session(), refetchType: 'none' });
      // The caller leaves the pages that show this person's data (`onSuccess`: navigate)...
      await onSuccess?.(...args);
      // ...then none of it may outlive the session (the next person may be someone else).
      await queryClient.cancelQueries();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session()[0] });
    },
    ...rest,
  });
}
