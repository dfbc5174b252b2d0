/** What "Push selected" would send, and how to say it before sending. */
import type { ErrorGroupInfo, Facets, ListedRecord } from '../../../contract/api';
import { ERROR_CLASSES, asksToConfirmFix, type ErrorClass } from '../../../contract/error-class';
import type { CreatePushJob } from '../../../contract/push-jobs';
import { SYNC_STATUSES } from '../../../monite/schemas';
import { jobFilter } from '../../api/create-push-job';
import { labelOf } from '../../lib/labels';
import type { RecordsSearch } from './records-search';
import type { Selection } from './selection';

type Counted = { label: string; count: number };
/** A group of failures in the selection that fails again until its cause is fixed. */
export type ToFix = ErrorGroupInfo & { count: number };

export type PushRequest = {
  body: CreatePushJob;
  count: number;
  /** How many of the records are in each sync status (or of unknown status: not loaded), most first. */
  statuses: Counted[];
  /** The failures by whether a retry can help, in ERROR_CLASSES order. */
  classes: { errorClass: ErrorClass; count: number }[];
  /** The fix-first and unrecognised groups among them, most first, with what to fix. */
  toFix: ToFix[];
  /** Done records in the selection: sent only when the person includes them on purpose. */
  done: number;
  /**
   * When the failures mix classes: the job for just those a retry may help, so the person can
   * push them now and leave the ones to fix first for later. Null otherwise.
   */
  retryOnly: { body: CreatePushJob; count: number } | null;
};

export type PushSource = {
  selection: Selection;
  search: RecordsSearch;
  /** The loaded rows, for the statuses and causes of selected ones. */
  rows: readonly ListedRecord[];
  /** How many records match the filters, and their counts per status and error group. */
  total: number;
  facets: Facets | undefined;
  /** How each error group reads (the records page's `error_groups`). */
  groups: Record<string, ErrorGroupInfo> | undefined;
};

const byCount = (counts: Map<string, number>) =>
  [...counts]
    .filter(([, count]) => count > 0)
    .toSorted((a, b) => b[1] - a[1])
    .map(([status, count]) => ({ label: labelOf('sync_status', status).toLowerCase(), count }));

/** Failures counted by group key → the class breakdown and the groups needing a fix. */
function causes(byGroup: Map<string, number>, infoOf: (group: string) => ErrorGroupInfo | undefined) {
  const perClass = new Map<ErrorClass, number>();
  const toFix: ToFix[] = [];
  for (const [group, count] of byGroup) {
    const info = infoOf(group);
    const errorClass = info?.class ?? 'unknown';
    perClass.set(errorClass, (perClass.get(errorClass) ?? 0) + count);
    if (asksToConfirmFix(errorClass) && info) toFix.push({ ...info, count });
  }
  return {
    classes: ERROR_CLASSES.flatMap((errorClass) => {
      const count = perClass.get(errorClass) ?? 0;
      return count > 0 ? [{ errorClass, count }] : [];
    }),
    toFix: toFix.toSorted((a, b) => b.count - a.count),
  };
}

/**
 * The job for this selection. Done records are left out unless `includeDone`: from a filter by
 * narrowing its statuses to the others, from ids by dropping the loaded rows that are done.
 */
export function pushRequest(
  { selection, search, rows, total, facets, groups }: PushSource,
  { includeDone }: { includeDone: boolean },
): PushRequest {
  if (selection.mode === 'filter') {
    const chosen = search.sync_status.length > 0 ? search.sync_status : SYNC_STATUSES;
    const statusCounts = new Map(
      Object.entries(facets?.sync_status ?? {}).filter(([status]) => chosen.some((s) => s === status)),
    );
    const done = statusCounts.get('done') ?? 0;
    const sent = includeDone ? chosen : chosen.filter((s) => s !== 'done');
    if (!includeDone) statusCounts.delete('done');
    const failures = chosen.includes('error')
      ? Object.entries(facets?.error_group ?? {}).filter(
          ([group]) => search.error_group.length === 0 || search.error_group.includes(group),
        )
      : [];
    // Only failed records have a group, so failed and in these groups is exactly them.
    const retryGroups = failures.filter(([group]) => groups?.[group]?.class === 'retry');
    const byCause = causes(new Map(failures), (group) => groups?.[group]);
    return {
      body: { filter: jobFilter({ ...search, sync_status: done > 0 ? [...sent] : search.sync_status }) },
      count: includeDone ? total : total - done,
      statuses: byCount(statusCounts),
      ...byCause,
      done,
      retryOnly: mixed(byCause.classes, () => ({
        filter: jobFilter({ ...search, sync_status: ['error'], error_group: retryGroups.map(([g]) => g) }),
      })),
    };
  }
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const statusCounts = new Map<string, number>();
  const byGroup = new Map<string, number>();
  const infos = new Map<string, ErrorGroupInfo>();
  const ids: string[] = [];
  const retryIds: string[] = [];
  let notLoaded = 0;
  let done = 0;
  for (const id of selection.ids) {
    const row = rowOf.get(id);
    if (row?.sync_status === 'done') {
      done += 1;
      if (!includeDone) continue;
    }
    ids.push(id);
    if (row === undefined) notLoaded += 1;
    else statusCounts.set(row.sync_status, (statusCounts.get(row.sync_status) ?? 0) + 1);
    if (row?.classification?.class === 'retry') retryIds.push(id);
    if (row?.classification) {
      byGroup.set(row.classification.group, (byGroup.get(row.classification.group) ?? 0) + 1);
      infos.set(row.classification.group, row.classification);
    }
  }
  const statuses = byCount(statusCounts);
  if (notLoaded > 0) statuses.push({ label: 'not loaded', count: notLoaded });
  const byCause = causes(byGroup, (group) => infos.get(group));
  return {
    body: { ids },
    count: ids.length,
    statuses,
    ...byCause,
    done,
    retryOnly: mixed(byCause.classes, () => ({ ids: retryIds })),
  };
}

/** The retry-only job, offered when failures a retry may help sit beside others that it will not. */
function mixed(classes: PushRequest['classes'], body: () => CreatePushJob): PushRequest['retryOnly'] {
  const retry = classes.find((c) => c.errorClass === 'retry')?.count ?? 0;
  return retry > 0 && classes.length > 1 ? { body: body(), count: retry } : null;
}

/** "120 failed · 8 done". */
export const describeStatuses = (statuses: Counted[]) =>
  statuses.map((s) => `${s.count.toLocaleString()} ${s.label}`).join(' · ');
