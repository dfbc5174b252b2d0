import {
  infiniteQueryOptions,
  useInfiniteQuery,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import {
  type MirrorStatus,
  type RecordsFilter,
  type RecordsPage,
  type ListedRecord,
} from '../../contract/api';
import { apiFetch } from './client';
import { queryKeys } from './query-keys';
import { recordsPageUrl } from './records-url';

export function getRecords(
  entityId: string,
  filter: RecordsFilter,
  { cursor, signal }: { cursor?: string; signal?: AbortSignal } = {},
): Promise<RecordsPage> {
  return apiFetch(recordsPageUrl(entityId, filter, cursor), 'recordsPage', { signal });
}

/** The BFF's first full scan from Monite is still running, so the list is still filling. */
export const isScanning = (mirror: MirrorStatus | undefined) =>
  mirror?.state === 'empty' || mirror?.state === 'scanning';

/** How often the list is refetched while a bulk push job changes records under it. */
const LIVE_MS = 3000;

export const getRecordsQueryOptions = (entityId: string, filter: RecordsFilter, { live = false } = {}) =>
  infiniteQueryOptions({
    queryKey: queryKeys.recordList(entityId, filter),
    queryFn: ({ pageParam, signal }) => getRecords(entityId, filter, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Each list request lets the BFF refresh its mirror (at most every 30 s); during the first
    // scan, poll fast so the count visibly grows; while a push job runs, follow its records live.
    refetchInterval: (query) =>
      isScanning(query.state.data?.pages[0]?.mirror) ? 1000 : live ? LIVE_MS : 30_000,
    // Keep showing the current rows while another filter loads, but never another entity's.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === entityId ? previous : undefined,
  });

export const useRecords = (entityId: string, filter: RecordsFilter, options?: { live?: boolean }) =>
  useInfiniteQuery(getRecordsQueryOptions(entityId, filter, options));

/** Put a fresher copy of a record into every cached list page that shows it. */
export function replaceRecordInLists(queryClient: QueryClient, entityId: string, record: ListedRecord) {
  queryClient.setQueriesData<InfiniteData<RecordsPage>>(
    { queryKey: queryKeys.recordLists(entityId) },
    (lists) =>
      lists && {
        ...lists,
        pages: lists.pages.map((page) =>
          page.data.some((r) => r.id === record.id)
            ? { ...page, data: page.data.map((r) => (r.id === record.id ? record : r)) }
            : page,
        ),
      },
  );
}

/** A record as the cached lists know it, to show at once while a fresh copy loads. */
export function findRecordInLists(queryClient: QueryClient, entityId: string, recordId: string) {
  for (const [, lists] of queryClient.getQueriesData<InfiniteData<RecordsPage>>({
    queryKey: queryKeys.recordLists(entityId),
  })) {
    const found = lists?.pages.flatMap((p) => p.data).find((r) => r.id === recordId);
    if (found) return found;
  }
  return undefined;
}
