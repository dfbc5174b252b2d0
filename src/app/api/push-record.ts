import {
  useMutation,
  useMutationState,
  useQueryClient,
  type UseMutationOptions,
} from '@tanstack/react-query';
import type { ListedRecord } from '../../contract/api';
import { apiFetch } from './client';
import { replaceRecordInLists } from './get-records';
import { mutationKeys, queryKeys } from './query-keys';

export const pushRecord = (entityId: string, recordId: string) =>
  apiFetch(
    `/api/entities/${encodeURIComponent(entityId)}/records/${encodeURIComponent(recordId)}/push`,
    'record',
    { method: 'POST' },
  );

type PushRecordOptions = {
  entityId: string;
  recordId: string;
  mutationConfig?: Pick<UseMutationOptions<ListedRecord, Error>, 'onSuccess' | 'onError'>;
};

/** One mutation per record (keyed by it), so rows push independently of each other. */
export function usePushRecord({ entityId, recordId, mutationConfig }: PushRecordOptions) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    mutationKey: mutationKeys.pushRecord(entityId, recordId),
    mutationFn: () => pushRecord(entityId, recordId),
    onSuccess: (record, ...args) => {
      queryClient.setQueryData(queryKeys.record(entityId, recordId), record);
      replaceRecordInLists(queryClient, entityId, record);
      return onSuccess?.(record, ...args);
    },
    // Accepted or refused, the push is in the record's history now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.recordHistory(entityId, recordId) }),
    ...rest,
  });
}

/** Whether a push of this record is in flight, from any button that started it. */
export function useIsPushing(entityId: string, recordId: string) {
  const pending = useMutationState({
    filters: { mutationKey: mutationKeys.pushRecord(entityId, recordId), exact: true, status: 'pending' },
    select: (mutation) => mutation.mutationId,
  });
  return pending.length > 0;
}
