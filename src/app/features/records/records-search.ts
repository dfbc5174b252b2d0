/**
 * The records page's filters and sort live in the URL (shareable, reload- and back-proof).
 * One zod schema reads them, built from the BFF's own query schema; it is lenient, so a
 * hand-edited or outdated link falls back to defaults instead of failing.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  DEFAULT_SORT,
  FACET_KEYS,
  recordsQuerySchema,
  type FacetKey,
  type Sort,
} from '../../../contract/api';
import type { HandledView } from '../../../contract/handled';
import { DEFAULT_STATUSES } from '../../api/records-url';

const field = recordsQuerySchema.shape;

export const recordsSearchSchema = z.object({
  // Absent means the default view, Failed; an explicit `sync_status=` means every status.
  sync_status: z
    .preprocess((value) => value ?? DEFAULT_STATUSES.join(','), field.sync_status)
    .catch([...DEFAULT_STATUSES]),
  provider: field.provider.catch([]),
  platform: field.platform.catch([]),
  object_type: field.object_type.catch([]),
  error_group: field.error_group.catch([]),
  q: field.q.catch(undefined),
  // Absent: the work queue; `handled=only`: the records marked handled.
  handled: field.handled.catch('exclude'),
  sort: field.sort.catch(DEFAULT_SORT),
});
export type RecordsSearch = z.infer<typeof recordsSearchSchema>;

/** Any facet selection, as the filter UI edits it (values are re-validated on the way back in). */
export type SearchUpdate = Partial<
  Record<FacetKey, readonly string[]> & { q: string; sort: Sort; handled: HandledView }
>;

export const parseRecordsSearch = (params: URLSearchParams): RecordsSearch =>
  recordsSearchSchema.parse(Object.fromEntries(params));

/** The canonical URL form: defaults left out, so the plain page URL is the Failed view. */
export function toSearchParams(search: SearchUpdate): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FACET_KEYS) {
    const values = search[key] ?? [];
    if (key === 'sync_status' && values.join(',') === DEFAULT_STATUSES.join(',')) continue;
    if (key === 'sync_status' || values.length) params.set(key, values.join(','));
  }
  if (search.q) params.set('q', search.q);
  if (search.handled === 'only') params.set('handled', 'only');
  if (search.sort && search.sort !== DEFAULT_SORT) params.set('sort', search.sort);
  return params;
}

export const NO_FILTERS: SearchUpdate = {
  sync_status: [],
  provider: [],
  platform: [],
  object_type: [],
  error_group: [],
  q: '',
};

export function useRecordsSearch() {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseRecordsSearch(params), [params]);
  const update = useCallback(
    (patch: SearchUpdate, { replace = false } = {}) =>
      setParams((current) => toSearchParams({ ...parseRecordsSearch(current), ...patch }), { replace }),
    [setParams],
  );
  return [search, update] as const;
}

export const hasFilters = (search: RecordsSearch) =>
  FACET_KEYS.some((key) => search[key].length > 0) || Boolean(search.q);
