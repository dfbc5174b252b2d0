/**
 * The audit page's filters live in the URL, like the records page's: one lenient zod schema,
 * built from the BFF's own query schema, so a hand-edited link falls back instead of failing.
 * Dates are calendar days in the URL (`from=2025-01-12`) and instants (ISO) in requests.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { auditQuerySchema } from '../../../contract/audit';
import type { AuditFilter } from '../../api/query-keys';

const field = auditQuerySchema.shape;
const calendarDay = z.iso.date().optional().catch(undefined);

export const auditSearchSchema = z.object({
  user: field.user.transform((u) => u || undefined).catch(undefined),
  record: field.record.catch(undefined),
  job: field.job.catch(undefined),
  outcome: field.outcome.catch(undefined),
  action: field.action.catch(undefined),
  from: calendarDay,
  to: calendarDay,
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;
export const AUDIT_SEARCH_KEYS = Object.keys(auditSearchSchema.shape) as (keyof AuditSearch)[];

export const parseAuditSearch = (params: URLSearchParams): AuditSearch =>
  auditSearchSchema.parse(Object.fromEntries(params));

/** The canonical URL form: empty filters left out. */
export function toSearchParams(search: Partial<AuditSearch>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_SEARCH_KEYS) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Local midnight starting `day`, or (`endOfDay`) the last millisecond of it, as an ISO instant. */
export function dayToIso(day: string, { endOfDay = false } = {}): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const start = new Date(y, m - 1, d);
  return endOfDay ? new Date(new Date(y, m - 1, d + 1).getTime() - 1).toISOString() : start.toISOString();
}

/**
 * What to ask the BFF for. Only admins may filter by person: the BFF shows everyone else their
 * own entries whatever they ask, so a `user=` in a shared link is dropped for them.
 */
export function toAuditFilter(search: AuditSearch, { everyone }: { everyone: boolean }): AuditFilter {
  return {
    user: everyone ? search.user : undefined,
    record: search.record,
    job: search.job,
    outcome: search.outcome,
    action: search.action,
    from: search.from && dayToIso(search.from),
    to: search.to && dayToIso(search.to, { endOfDay: true }),
  };
}

export const hasAuditFilters = (search: AuditSearch) => AUDIT_SEARCH_KEYS.some((key) => search[key]);

export function useAuditSearch() {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseAuditSearch(params), [params]);
  const update = useCallback(
    (patch: Partial<AuditSearch>, { replace = false } = {}) =>
      setParams((current) => toSearchParams({ ...parseAuditSearch(current), ...patch }), { replace }),
    [setParams],
  );
  return [search, update] as const;
}
