/** What "Push selected" would send, and how to say it before sending. */
import type { Facets, ListedRecord } from '../../../contract/api';
import type { CreatePushJob } from '../../../contract/push-jobs';
import { jobFilter } from '../../api/create-push-job';
import { labelOf } from '../../lib/labels';
import type { RecordsSearch } from './records-search';
import type { Selection } from './selection';

export type PushRequest = {
  body: CreatePushJob;
  count: number;
  /** How many of the records are in each sync status (or of unknown status: not loaded), most first. */
  statuses: { label: string; count: number }[];
};

export type PushSource = {
  selection: Selection;
  search: RecordsSearch;
  /** The loaded rows, for the statuses of selected ones. */
  rows: readonly ListedRecord[];
  /** How many records match the filters, and their counts per status. */
  total: number;
  facets: Facets | undefined;
};

const byCount = (counts: Map<string, number>) =>
  [...counts]
    .filter(([, count]) => count > 0)
    .toSorted((a, b) => b[1] - a[1])
    .map(([status, count]) => ({ label: labelOf('sync_status', status).toLowerCase(), count }));

export function pushRequest({ selection, search, rows, total, facets }: PushSource): PushRequest {
  if (selection.mode === 'filter') {
    // The status facet counts every status under the other filters: keep the chosen ones.
    const counts = Object.entries(facets?.sync_status ?? {}).filter(
      ([status]) => search.sync_status.length === 0 || search.sync_status.some((s) => s === status),
    );
    return { body: { filter: jobFilter(search) }, count: total, statuses: byCount(new Map(counts)) };
  }
  const statusOf = new Map(rows.map((r) => [r.id, r.sync_status]));
  const counts = new Map<string, number>();
  let notLoaded = 0;
  for (const id of selection.ids) {
    const status = statusOf.get(id);
    if (status === undefined) notLoaded += 1;
    else counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const statuses = byCount(counts);
  if (notLoaded > 0) statuses.push({ label: 'not loaded', count: notLoaded });
  return { body: { ids: [...selection.ids] }, count: selection.ids.size, statuses };
}

/** "120 failed · 8 done". */
export const describeStatuses = (statuses: PushRequest['statuses']) =>
  statuses.map((s) => `${s.count.toLocaleString()} ${s.label}`).join(' · ');
