import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { SessionResponse, SignIn } from '../../contract/session';
import { apiFetch } from './client';
import { mutationKeys, queryKeys } from './query-keys';

export const signIn = (credentials: SignIn) =>
  apiFetch('/api/session', 'session', { method: 'POST', body: credentials });

type SignInOptions = {
  mutationConfig?: Pick<UseMutationOptions<SessionResponse, Error, SignIn>, 'onSuccess'>;
};

export function useSignIn({ mutationConfig }: SignInOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess } = mutationConfig ?? {};
  return useMutation({
    mutationKey: mutationKeys.signIn(),
    mutationFn: signIn,
    onSuccess: (session, ...args) => {
      // Whatever is cached belongs to whoever was signed in before (maybe someone else).
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session()[0] });
      queryClient.setQueryData(queryKeys.session(), session);
      return onSuccess?.(session, ...args);
    },
  });
}
