import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { awaitsSettle, type AuditPage } from '../../contract/audit';
import { apiFetch } from './client';
import { queryKeys, type AuditFilter } from './query-keys';

const PAGE_SIZE = 50;
/** While a push shown waits for the provider, look again this often (the BFF refreshes its mirror). */
const POLL_WAITING_MS = 5000;
const FILTER_KEYS = [
  'user',
  'record',
  'job',
  'outcome',
  'action',
  'from',
  'to',
] as const satisfies readonly (keyof AuditFilter)[];

/** The query string both `/api/audit` and `/api/audit.csv` take. */
export function auditParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function getAudit(
  filter: AuditFilter,
  { cursor, signal }: { cursor?: string; signal?: AbortSignal } = {},
): Promise<AuditPage> {
  const params = auditParams(filter);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(PAGE_SIZE));
  return apiFetch(`/api/audit?${params}`, 'auditPage', { signal });
}

/** Every entry matching the filters, as a CSV download (a plain link: the browser streams it). */
export const auditCsvUrl = (filter: AuditFilter) => {
  const params = auditParams(filter).toString();
  return params ? `/api/audit.csv?${params}` : '/api/audit.csv';
};

export const getAuditQueryOptions = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: queryKeys.auditList(filter),
    queryFn: ({ pageParam, signal }) => getAudit(filter, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Keep the current rows on screen while another filter loads.
    placeholderData: (previous) => previous,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.data.some(awaitsSettle)) ? POLL_WAITING_MS : false,
  });

export const useAudit = (filter: AuditFilter) => useInfiniteQuery(getAuditQueryOptions(filter));
