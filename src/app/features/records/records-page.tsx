import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Outlet, useParams } from 'react-router';
import { MAX_LISTED_IDS, type RecordsFilter } from '../../../contract/api';
import type { PushJob } from '../../../contract/push-jobs';
import { can } from '../../../contract/session';
import { useRecords } from '../../api/get-records';
import { queryKeys } from '../../api/query-keys';
import { toast } from '../../lib/toast';
import { useEntityRole } from '../auth/signed-in-user';
import { BulkBar } from './bulk-bar';
import { ErrorGroupsPanel } from './error-groups-panel';
import { FilterBar } from './filter-bar';
import { HandledViewTabs } from './handled-view-tabs';
import { jobsStartedHere } from './job-memory';
import { jobOutcome } from './job-text';
import { RecordsHeader } from './records-header';
import { RecordsList } from './records-list';
import { useRecordsSearch, type RecordsSearch } from './records-search';
import { filtersKey } from './selection';
import { HiddenSelection } from './hidden-selection';
import { useEntityPushJobs, useJobEnds } from './use-push-jobs';
import { useRecordSelection } from './use-record-selection';

// Only there while a job runs or just ended: out of the page's chunk. The error groups panel is
// in it: shown whenever something failed, what this page is for, and lazy it held back the first
// rows until its chunk came (~40 ms, bench:ui).
const PushJobPanel = lazy(() => import('./push-job-panel').then((m) => ({ default: m.PushJobPanel })));

const failures = (count: number) => `${count.toLocaleString()} failure${count === 1 ? '' : 's'}`;

/** What the person can do about their job's failures. */
function afterJobAdvice(retry: number, fixFirst: number) {
  const parts = [
    retry > 0 && `${failures(retry)} a retry may help: selected, ready for another try.`,
    fixFirst > 0 && `${failures(fixFirst)} to fix first: see Problems for what to fix.`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** Exactly these records, whatever their status, in the view's sort and handled view. */
const selectedOnly = (search: RecordsSearch, ids: string[]): RecordsFilter => ({
  ids,
  handled: search.handled,
  sort: search.sort,
});

/** An entity's synced records; the details drawer opens over it as a child route. */
export function RecordsPage() {
  const { entityId = '' } = useParams();
  const [search, setSearch] = useRecordsSearch();
  const queryClient = useQueryClient();
  // Viewers cannot push: no selection, no bulk bar, no job panel (and no polling for jobs).
  const canPush = can(useEntityRole(entityId), 'push');
  const jobs = useEntityPushJobs(entityId, { enabled: canPush });
  const filters = filtersKey(search);
  // "Show selected": the ids selected when it was clicked, listed instead of the filters' matches
  // until the filters change (a row unticked there stays listed, to tick again).
  const [shown, setShown] = useState<{ view: string; ids: string[] } | null>(null);
  const view = `${entityId} ${filters}`;
  const shownIds = shown?.view === view ? shown.ids : null;
  const records = useRecords(entityId, shownIds ? selectedOnly(search, shownIds) : search, {
    live: jobs.running,
  });
  const firstPage = records.data?.pages[0];
  const rows = useMemo(() => records.data?.pages.flatMap((page) => page.data) ?? [], [records.data]);
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useRecordSelection(entityId, filters, rowIds, firstPage?.total ?? 0);
  const { clear, selectIds } = selection;
  // State, not a ref: the virtual list renders again once its scroller exists.
  const [scroller, setScroller] = useState<HTMLElement | null>(null);

  const onStarted = useCallback(
    (job: PushJob) => {
      jobsStartedHere.add(job.id);
      clear();
    },
    [clear],
  );

  useJobEnds(jobs.jobs, (job, mine) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.recordLists(job.entity_id) });
    // An open drawer's record and its push history, which the job's pushes and settles changed.
    void queryClient.invalidateQueries({ queryKey: queryKeys.recordDetails(job.entity_id) });
    // Of our own job's failures, those a retry may help stay selected, one click from another
    // try; the others fail again until fixed, so the panel lists them with their causes instead.
    const failed = job.problems.filter((p) => p.state === 'failed');
    const retry = failed.filter((p) => p.class === 'retry').map((p) => p.record_id);
    if (mine && retry.length > 0) selectIds(retry);
    const message = `Push ${job.state === 'cancelled' ? 'cancelled' : 'finished'}: ${jobOutcome(job)}`;
    const description =
      mine && failed.length > 0 ? afterJobAdvice(retry.length, failed.length - retry.length) : undefined;
    if (job.counts.failed > 0) toast.error(message, { description });
    else toast.success(message);
  });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <RecordsHeader entityId={entityId} mirror={firstPage?.mirror} filter={search} />
      <FilterBar
        search={search}
        facets={firstPage?.facets}
        groups={firstPage?.error_groups}
        onChange={setSearch}
      />
      <HandledViewTabs
        view={search.handled}
        counts={firstPage?.handled}
        onChange={(handled) => setSearch({ handled })}
      />
      {firstPage && Object.keys(firstPage.facets.error_group).length > 0 && (
        <ErrorGroupsPanel
          entityId={entityId}
          search={search}
          facets={firstPage.facets}
          groups={firstPage.error_groups}
          rows={rows}
          onChange={setSearch}
          push={canPush ? { jobRunning: jobs.running, onStarted } : undefined}
        />
      )}
      {jobs.shown && (
        <Suspense>
          <PushJobPanel entityId={entityId} job={jobs.shown} onDismiss={jobs.dismiss} />
        </Suspense>
      )}
      {canPush && (
        <HiddenSelection
          hidden={selection.hidden}
          showing={shownIds?.length ?? null}
          onShow={() =>
            selection.selection.mode === 'ids' &&
            setShown({ view, ids: [...selection.selection.ids].slice(0, MAX_LISTED_IDS) })
          }
          onBack={() => setShown(null)}
        />
      )}
      <div ref={setScroller} data-scroller className="min-h-0 flex-1 overflow-auto">
        <RecordsList
          entityId={entityId}
          records={records}
          // The selected records listed are of any status.
          search={shownIds ? { ...search, sync_status: [] } : search}
          onChange={setSearch}
          selection={canPush ? selection : undefined}
          scroller={scroller}
        />
      </div>
      {canPush && (
        <BulkBar
          entityId={entityId}
          search={search}
          selection={selection}
          rows={rows}
          facets={firstPage?.facets}
          groups={firstPage?.error_groups}
          jobRunning={jobs.running}
          onStarted={onStarted}
        />
      )}
      <Outlet />
    </div>
  );
}
