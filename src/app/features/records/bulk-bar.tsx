import { useCallback, useState } from 'react';
import type { ErrorGroupInfo, Facets, ListedRecord } from '../../../contract/api';
import { MAX_JOB_RECORDS, type PushJob } from '../../../contract/push-jobs';
import { Button } from '../../components/button';
import { PushConfirmDialog } from './push-confirm-dialog';
import type { RecordsSearch } from './records-search';
import type { RecordSelection } from './use-record-selection';

type BulkBarProps = {
  entityId: string;
  search: RecordsSearch;
  selection: RecordSelection;
  rows: readonly ListedRecord[];
  facets: Facets | undefined;
  groups: Record<string, ErrorGroupInfo> | undefined;
  /** A job is running for this entity: the BFF would refuse a second one. */
  jobRunning: boolean;
  onStarted: (job: PushJob) => void;
};

/** Docked under the list while records are selected: how many, Push selected, Clear. */
export function BulkBar({
  entityId,
  search,
  selection,
  rows,
  facets,
  groups,
  jobRunning,
  onStarted,
}: BulkBarProps) {
  const [confirming, setConfirming] = useState(false);
  const close = useCallback(() => setConfirming(false), []);
  const { count } = selection;
  if (count === 0 && !confirming) return null;

  const tooMany = count > MAX_JOB_RECORDS;
  const why = jobRunning
    ? 'A push job is running for this entity; wait for it to end or cancel it.'
    : tooMany
      ? `One push takes at most ${MAX_JOB_RECORDS.toLocaleString()} records.`
      : undefined;
  return (
    <>
      <section
        aria-label="Bulk actions"
        className="flex shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-6 py-2.5 shadow-[0_-2px_6px_rgb(0_0_0/0.04)]"
      >
        <p className="text-sm font-medium text-slate-900">{count.toLocaleString()} selected</p>
        <Button
          variant="primary"
          size="sm"
          disabled={Boolean(why)}
          title={why}
          onClick={() => setConfirming(true)}
        >
          Push selected ({count.toLocaleString()})
        </Button>
        <Button variant="ghost" size="sm" onClick={selection.clear}>
          Clear
        </Button>
        {why && <p className="text-xs text-slate-500">{why}</p>}
      </section>
      {confirming && (
        <PushConfirmDialog
          entityId={entityId}
          source={{ selection: selection.selection, search, rows, total: selection.total, facets, groups }}
          onClose={close}
          onStarted={onStarted}
        />
      )}
    </>
  );
}
