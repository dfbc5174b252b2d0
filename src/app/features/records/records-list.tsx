import { useCallback } from 'react';
import { useParams } from 'react-router';
import { can } from '../../../contract/session';
import { errorMessage } from '../../api/client';
import { isScanning, useRecords } from '../../api/get-records';
import { Checkbox } from '../../components/checkbox';
import { ErrorMessage } from '../../components/error-message';
import { Spinner } from '../../components/spinner';
import { labelOf } from '../../lib/labels';
import { LoadMore } from '../../components/load-more';
import { RecordRow } from './record-row';
import { RecordsEmpty } from './records-empty';
import type { RecordsSearch, SearchUpdate } from './records-search';
import { SelectAllBanner } from './select-all-banner';
import { isSelected } from './selection';
import type { RecordSelection } from './use-record-selection';
import { useSignedInUser } from '../auth/signed-in-user';

type RecordsListProps = {
  entityId: string;
  records: ReturnType<typeof useRecords>;
  search: RecordsSearch;
  onChange: (patch: SearchUpdate) => void;
  /** Records ticked for a bulk push; absent for people who cannot push. */
  selection?: RecordSelection;
};

/** "128 failed records": names the status when exactly one is chosen. */
function countLabel(total: number, statuses: readonly string[]) {
  const status = statuses.length === 1 ? `${labelOf('sync_status', statuses[0]).toLowerCase()} ` : '';
  return `${total.toLocaleString()} ${status}record${total === 1 ? '' : 's'}`;
}

export function RecordsList({ entityId, records, search, onChange, selection }: RecordsListProps) {
  const { recordId } = useParams();
  // Viewers cannot push: their rows have no button at all (the drawer says why).
  const canPush = can(useSignedInUser().role, 'push');
  const { data, error, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = records;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (!data) {
    return error ? (
      <ErrorMessage title="Could not load records" error={error} onRetry={() => void refetch()} />
    ) : (
      <p className="flex items-center justify-center gap-2 py-16 text-sm text-slate-500">
        <Spinner />
        {/* A failed attempt that will be retried, e.g. a 429 waiting out its Retry-After. */}
        {records.failureReason ? `${errorMessage(records.failureReason)} Retrying…` : 'Loading records…'}
      </p>
    );
  }

  const first = data.pages[0];
  const rows = data.pages.flatMap((page) => page.data);
  const sorted = search.sort === 'updated_at' ? 'ascending' : 'descending';

  return (
    <>
      <div className="flex items-center gap-3 px-6 py-2 text-sm text-slate-600" aria-live="polite">
        {isScanning(first?.mirror) ? (
          <span className="flex items-center gap-2">
            <Spinner /> Loading records from Monite… {first?.total.toLocaleString()} so far
          </span>
        ) : (
          <span className="font-medium text-slate-900">
            {countLabel(first?.total ?? 0, search.sync_status)}
          </span>
        )}
        {records.isPlaceholderData && <Spinner className="text-slate-400" />}
      </div>
      {error && (
        <ErrorMessage title="Could not refresh the list" error={error} onRetry={() => void refetch()} />
      )}
      {selection && rows.length > 0 && <SelectAllBanner selection={selection} />}
      {rows.length === 0 ? (
        !isScanning(first?.mirror) && <RecordsEmpty search={search} onChange={onChange} />
      ) : (
        <table className="w-full border-separate border-spacing-0 text-left text-sm">
          <thead className="sticky top-0 z-10 bg-slate-50/95 text-xs font-medium text-slate-500 backdrop-blur">
            <tr className="[&>th]:border-b [&>th]:border-slate-200 [&>th]:px-4 [&>th]:py-2 [&>th]:font-medium">
              {selection && (
                <th scope="col" className="w-10 pr-1!">
                  <Checkbox
                    aria-label="Select all loaded records"
                    checked={selection.header === 'all'}
                    indeterminate={selection.header === 'some'}
                    onChange={selection.toggleAll}
                  />
                </th>
              )}
              <th scope="col">Record</th>
              <th scope="col">Status</th>
              <th scope="col">Provider</th>
              <th scope="col">Platform</th>
              <th scope="col" aria-sort={sorted}>
                <button
                  type="button"
                  onClick={() =>
                    onChange({ sort: search.sort === 'updated_at' ? '-updated_at' : 'updated_at' })
                  }
                  className="inline-flex items-center gap-1 hover:text-slate-900"
                >
                  Updated <span aria-hidden="true">{sorted === 'ascending' ? '↑' : '↓'}</span>
                  <span className="sr-only">
                    , sorted {sorted === 'ascending' ? 'oldest first' : 'newest first'}
                  </span>
                </button>
              </th>
              <th scope="col">Error</th>
              {canPush && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="bg-white [&>tr>td]:border-b [&>tr>td]:border-slate-100">
            {rows.map((record) => (
              <RecordRow
                key={record.id}
                entityId={entityId}
                record={record}
                selected={record.id === recordId}
                canPush={canPush}
                checked={selection ? isSelected(selection.selection, record.id) : false}
                onCheck={selection?.toggle}
              />
            ))}
          </tbody>
        </table>
      )}
      {hasNextPage && <LoadMore onLoad={loadMore} loading={isFetchingNextPage} />}
    </>
  );
}
