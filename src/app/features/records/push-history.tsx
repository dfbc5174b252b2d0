import type { HistoryEntry } from '../../../contract/record-history';
import { useRecordHistory } from '../../api/get-record-history';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { RelativeTime } from '../../components/relative-time';
import { Spinner } from '../../components/spinner';
import { labelOf } from '../../lib/labels';
import { OutcomeBadge } from '../audit/outcome-badge';

/** What happened, in a few words: the push, Monite's answer, then where the provider left it. */
function whatHappened(entry: HistoryEntry): string {
  switch (entry.action) {
    case 'push': {
      const from = entry.status ? ` (was ${labelOf('sync_status', entry.status).toLowerCase()})` : '';
      return `${entry.job_id ? 'Pushed in a bulk push' : 'Pushed'}${from}`;
    }
    case 'push_result':
      return entry.outcome === 'ok'
        ? 'Monite accepted the push'
        : entry.outcome === 'failed'
          ? 'Monite refused the push'
          : "Sync Desk did not hear Monite's answer";
    case 'push_settled':
      return entry.outcome === 'ok' ? 'Synced by the provider' : 'Failed at the provider';
  }
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  return (
    <li className="py-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{whatHappened(entry)}</span>
        {entry.outcome && <OutcomeBadge outcome={entry.outcome} />}
      </p>
      <p className="text-xs text-slate-600">
        {/* Null: someone else, whom this reader's role may not see. */}
        {entry.actor ?? 'Someone else'} · <RelativeTime iso={entry.at} />
      </p>
      {entry.error && <p className="mt-1 text-xs break-words text-red-700">{entry.error}</p>}
    </li>
  );
}

/** The record's pushes from the audit log, newest first: who, when, the outcome and the error then. */
export function PushHistory({
  entityId,
  recordId,
  recordIsFresh,
}: {
  entityId: string;
  recordId: string;
  /** The record was read from Monite (not the list's copy): see useRecordHistory. */
  recordIsFresh: boolean;
}) {
  const { data, error, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = useRecordHistory(
    entityId,
    recordId,
    { enabled: recordIsFresh },
  );
  if (!data) {
    return error ? (
      <ErrorMessage title="Could not load the push history" error={error} onRetry={() => void refetch()} />
    ) : (
      <p className="flex items-center gap-2 text-sm text-slate-500">
        <Spinner /> Loading push history…
      </p>
    );
  }
  const entries = data.pages.flatMap((page) => page.data);
  if (entries.length === 0) return <p className="text-sm text-slate-500">Never pushed from Sync Desk.</p>;
  return (
    <>
      <ol aria-label="Push history" className="divide-y divide-slate-100">
        {entries.map((entry) => (
          <HistoryItem key={entry.id} entry={entry} />
        ))}
      </ol>
      {hasNextPage && (
        <Button size="sm" variant="ghost" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {isFetchingNextPage && <Spinner />}
          {isFetchingNextPage ? 'Loading…' : 'Show older'}
        </Button>
      )}
    </>
  );
}
