import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { HistoryPage } from '../../contract/record-history';
import { apiFetch } from './client';
import { queryKeys } from './query-keys';

const PAGE_SIZE = 20;

export function getRecordHistory(
  entityId: string,
  recordId: string,
  { cursor, signal }: { cursor?: string; signal?: AbortSignal } = {},
): Promise<HistoryPage> {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(
    `/api/entities/${encodeURIComponent(entityId)}/records/${encodeURIComponent(recordId)}/history?${params}`,
    'recordHistory',
    { signal },
  );
}

/** The record's pushes, newest first, a page at a time (older pages on demand). */
export const getRecordHistoryQueryOptions = (entityId: string, recordId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.recordHistory(entityId, recordId),
    queryFn: ({ pageParam, signal }) => getRecordHistory(entityId, recordId, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/**
 * `enabled` waits for the record's fresh read: reading it settles a push Sync Desk had not seen
 * end yet, so the history asked after it includes that end.
 */
export const useRecordHistory = (entityId: string, recordId: string, { enabled = true } = {}) =>
  useInfiniteQuery({ ...getRecordHistoryQueryOptions(entityId, recordId), enabled });
