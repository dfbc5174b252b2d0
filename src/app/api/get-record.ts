import {
  QueryObserver,
  queryOptions,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { ListedRecord } from '../../contract/api';
import { apiFetch } from './client';
import { findRecordInLists, replaceRecordInLists } from './get-records';
import { queryKeys } from './query-keys';

export const getRecord = (entityId: string, recordId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiFetch(
    `/api/entities/${encodeURIComponent(entityId)}/records/${encodeURIComponent(recordId)}`,
    'record',
    { signal },
  );

const POLL_PENDING_MS = 1000;

export const getRecordQueryOptions = (entityId: string, recordId: string) =>
  queryOptions({
    queryKey: queryKeys.record(entityId, recordId),
    queryFn: ({ signal }) => getRecord(entityId, recordId, { signal }),
    // A pending record is being synced by the provider right now: watch it settle.
    refetchInterval: (query) => (query.state.data?.sync_status === 'pending' ? POLL_PENDING_MS : false),
  });

export function useRecord(entityId: string, recordId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    ...getRecordQueryOptions(entityId, recordId),
    placeholderData: () => findRecordInLists(queryClient, entityId, recordId),
  });
}

const watches = new WeakMap<QueryClient, Map<string, Promise<ListedRecord>>>();

/**
 * Polls a record (outside React, so it survives the row scrolling away or the drawer closing)
 * until it leaves `pending`; each fresh copy goes into the lists, and the lists are refetched at
 * the end so badges and facet counts follow. Resolves with the settled record.
 */
export function watchRecordUntilSettled(
  queryClient: QueryClient,
  entityId: string,
  recordId: string,
): Promise<ListedRecord> {
  const byRecord = watches.get(queryClient) ?? new Map<string, Promise<ListedRecord>>();
  watches.set(queryClient, byRecord);
  const key = `${entityId}/${recordId}`;
  const existing = byRecord.get(key);
  if (existing) return existing;

  const settled = new Promise<ListedRecord>((resolve, reject) => {
    const observer = new QueryObserver(queryClient, getRecordQueryOptions(entityId, recordId));
    const finish = (outcome: () => void) => {
      unsubscribe();
      byRecord.delete(key);
      void queryClient.invalidateQueries({ queryKey: queryKeys.recordLists(entityId) });
      // The settle is in the audit log by now (written with the mirror's copy the poll just read).
      void queryClient.invalidateQueries({ queryKey: queryKeys.recordHistory(entityId, recordId) });
      outcome();
    };
    const onResult = ({ data, error }: { data?: ListedRecord; error: Error | null }) => {
      if (error) return finish(() => reject(error));
      if (!data) return;
      replaceRecordInLists(queryClient, entityId, data);
      if (data.sync_status !== 'pending') finish(() => resolve(data));
    };
    // Query results reach listeners asynchronously, so `unsubscribe` exists by the first call.
    const unsubscribe = observer.subscribe(onResult);
    onResult(observer.getCurrentResult());
  });
  byRecord.set(key, settled);
  return settled;
}
