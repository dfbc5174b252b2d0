/** Marking a failed record handled (contract/handled.ts) and undoing it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ListedRecord } from '../../contract/api';
import type { MarkInput } from '../../contract/handled';
import { apiFetch } from './client';
import { mutationKeys, queryKeys } from './query-keys';

const markPath = (entityId: string, recordId: string) =>
  `/api/entities/${encodeURIComponent(entityId)}/records/${encodeURIComponent(recordId)}/mark`;

export const markRecord = (entityId: string, recordId: string, body: MarkInput) =>
  apiFetch(markPath(entityId, recordId), 'record', { method: 'POST', body });

export const unmarkRecord = (entityId: string, recordId: string) =>
  apiFetch(markPath(entityId, recordId), 'record', { method: 'DELETE' });

/** Sets (a `MarkInput`) or removes (`null`) the mark; the record then moves between the lists' views. */
export function useMarkRecord(entityId: string, recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.markRecord(entityId, recordId),
    mutationFn: (input: MarkInput | null) =>
      input ? markRecord(entityId, recordId, input) : unmarkRecord(entityId, recordId),
    onSuccess: (record: ListedRecord) => {
      queryClient.setQueryData(queryKeys.record(entityId, recordId), record);
      return queryClient.invalidateQueries({ queryKey: queryKeys.recordLists(entityId) });
    },
  });
}
