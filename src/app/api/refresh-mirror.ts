import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { MirrorStatus } from '../../contract/api';
import { apiFetch } from './client';
import { mutationKeys, queryKeys } from './query-keys';

export const refreshMirror = (entityId: string) =>
  apiFetch(`/api/entities/${encodeURIComponent(entityId)}/refresh`, 'mirrorStatus', { method: 'POST' });

type RefreshMirrorOptions = {
  entityId: string;
  mutationConfig?: Pick<UseMutationOptions<MirrorStatus, Error>, 'onError'>;
};

export function useRefreshMirror({ entityId, mutationConfig }: RefreshMirrorOptions) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.refreshMirror(entityId),
    mutationFn: () => refreshMirror(entityId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.recordLists(entityId) }),
    ...mutationConfig,
  });
}
