/**
 * The records list's facet names and sorts: plain values without zod, so the SPA can build its
 * first list request before zod has loaded (src/app/early-requests.ts). api.ts re-exports them.
 */
export const FACET_KEYS = ['sync_status', 'provider', 'platform', 'object_type', 'error_group'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

/**
 * What the list sorts by, one key per column shown: the Record column's number, counterpart,
 * amount and due date (from the document; records without one sort last either way), status,
 * provider, platform, update time, and the error by its group (contract/error-groups.ts).
 */
export const SORT_KEYS = [
  'updated_at',
  'number',
  'counterpart',
  'amount',
  'due_date',
  'sync_status',
  'provider',
  'platform',
  'error',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** A key ascending, or after `-` descending. */
export type Sort = SortKey | `-${SortKey}`;
export const SORTS = SORT_KEYS.flatMap((key) => [key, `-${key}`] as const) as [Sort, ...Sort[]];
export const DEFAULT_SORT: Sort = '-updated_at';

/** A sort's key and whether it runs high to low. */
export const sortParts = (sort: Sort): { key: SortKey; desc: boolean } =>
  sort.startsWith('-')
    ? { key: sort.slice(1) as SortKey, desc: true }
    : { key: sort as SortKey, desc: false };
