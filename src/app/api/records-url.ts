/**
 * The records list's URLs, without zod or React: early-requests.ts builds the page's first list
 * request with them before the app's code (and zod) have loaded, exactly as the app would (and the
 * BFF's first screen, which answers it ahead).
 */
import type { RecordsFilter } from '../../contract/api';
import { DEFAULT_SORT, FACET_KEYS, type FacetKey } from '../../contract/list-params';

const PAGE_SIZE = 50;
/** What the page lists when its URL names no status: the failures (`sync_status=` lists all). */
export const DEFAULT_STATUSES = ['error'] as const;

/** A filter as RecordsFilter types it, or as read from a page URL before anything checked it. */
type Filter =
  | RecordsFilter
  | (Partial<Record<FacetKey | 'ids', readonly string[]>> &
      Record<'q' | 'handled' | 'sort', string | undefined>);

/** The query string both the list and its CSV export take. */
function recordsParams(filter: Filter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FACET_KEYS) {
    const values = filter[key];
    if (values?.length) params.set(key, values.join(','));
  }
  if (filter.q) params.set('q', filter.q);
  if (filter.ids?.length) params.set('ids', filter.ids.join(','));
  if (filter.handled === 'only') params.set('handled', 'only');
  if (filter.sort) params.set('sort', filter.sort);
  return params;
}

/** One page of the list, after `cursor` (none: the first). */
export function recordsPageUrl(entityId: string, filter: Filter, cursor?: string): string {
  const params = recordsParams(filter);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(PAGE_SIZE));
  return `/api/entities/${encodeURIComponent(entityId)}/records?${params}`;
}

/** Every record of the view as a CSV download (a plain link: the browser streams it). */
export const recordsCsvUrl = (entityId: string, filter: RecordsFilter) =>
  `/api/entities/${encodeURIComponent(entityId)}/records.csv?${recordsParams(filter)}`;

/**
 * The records page's filters as its URL states them, unchecked: the early request and the BFF's
 * first screen ask for the page's first rows with them. records-search.ts checks them (with zod,
 * not loaded yet), and where it reads them otherwise the URLs differ and the early answer goes unused.
 */
export function filterFromUrl(params: URLSearchParams) {
  const list = (key: FacetKey) => (params.get(key) ?? '').split(',').filter(Boolean);
  const facets: Partial<Record<FacetKey, string[]>> = {};
  for (const key of FACET_KEYS) facets[key] = list(key);
  if (!params.has('sync_status')) facets.sync_status = [...DEFAULT_STATUSES];
  return {
    ...facets,
    q: params.get('q')?.trim(),
    handled: params.get('handled') ?? undefined,
    sort: params.get('sort') ?? DEFAULT_SORT,
  };
}

/** The router's records route, and the record drawer over it. */
const RECORDS_PAGE = /^\/entities\/([^/]+)\/records(\/[^/]*)?\/?$/;

/**
 * The entity a records page's path names, and whether a record's drawer is open over the list;
 * none for any other page, or a malformed %-escape (the router shows its error page).
 */
export function recordsPageOf(pathname: string): { entityId: string; drawer: boolean } | undefined {
  const match = RECORDS_PAGE.exec(pathname);
  if (!match) return undefined;
  try {
    return { entityId: decodeURIComponent(match[1]!), drawer: (match[2] ?? '/') !== '/' };
  } catch {
    return undefined;
  }
}
