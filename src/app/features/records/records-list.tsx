import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { Sort } from '../../../contract/api';
import { can } from '../../../contract/session';
import { errorMessage } from '../../api/client';
import { isScanning, useRecords } from '../../api/get-records';
import { ErrorMessage } from '../../components/error-message';
import { Spinner } from '../../components/spinner';
import { labelOf } from '../../lib/labels';
import { useMediaQuery } from '../../lib/use-media-query';
import { useReleaseFirstScreen } from '../../lib/use-release-first-screen';
import { LoadMore } from '../../components/load-more';
import { RecordsEmpty } from './records-empty';
import { RecordCards } from './record-cards';
import { RecordsTable, useVirtualRows } from './records-table';
import { useListShortcuts } from './use-list-shortcuts';
import type { RecordsSearch, SearchUpdate } from './records-search';
import { SelectAllBanner } from './select-all-banner';
import type { RecordSelection } from './use-record-selection';
import { useEntityRole } from '../auth/signed-in-user';

// Only once someone presses `?`: out of the records page's chunk.
const ShortcutsDialog = lazy(() =>
  import('./shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })),
);

type RecordsListProps = {
  entityId: string;
  records: ReturnType<typeof useRecords>;
  search: RecordsSearch;
  onChange: (patch: SearchUpdate) => void;
  /** Records ticked for a bulk push; absent for people who cannot push. */
  selection?: RecordSelection;
  /** The element that scrolls the list. */
  scroller: HTMLElement | null;
};

/** "128 failed records": names the status when exactly one is chosen. */
function countLabel(total: number, statuses: readonly string[]) {
  const status = statuses.length === 1 ? `${labelOf('sync_status', statuses[0]).toLowerCase()} ` : '';
  return `${total.toLocaleString()} ${status}record${total === 1 ? '' : 's'}`;
}

export function RecordsList({ entityId, records, search, onChange, selection, scroller }: RecordsListProps) {
  // Viewers cannot push: their rows have no button at all (the drawer says why).
  const canPush = can(useEntityRole(entityId), 'push');
  const { data, error, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = records;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const rows = useMemo(() => data?.pages.flatMap((page) => page.data) ?? [], [data]);
  const first = data?.pages[0];
  // Rows, or why there are none, replace the server's first screen (its errors: ErrorMessage).
  useReleaseFirstScreen(data !== undefined);
  // Below Tailwind's `sm`: a phone, where table columns cannot fit.
  const layout = useMediaQuery('(max-width: 639.98px)') ? 'cards' : 'table';
  const virtual = useVirtualRows(rows, scroller, layout);
  const shortcuts = useListShortcuts({
    entityId,
    rows,
    total: first?.total ?? 0,
    selection,
    canPush,
    body: virtual.bodyRef,
    scrollToIndex: (index) => virtual.virtualizer.scrollToIndex(index, { align: 'auto' }),
  });
  // What either layout shows, from the same virtual list, selection and keyboard cursor.
  const view = {
    entityId,
    rows,
    total: first?.total ?? 0,
    selection,
    canPush,
    virtual,
    cursor: shortcuts.cursor,
    sort: search.sort,
    onSort: (sort: Sort) => onChange({ sort }),
  };
  // Said and shown whatever the list shows (also while it loads or is empty: `/` and `?` work then).
  const keyboard = (
    <>
      <p className="sr-only" aria-live="polite">
        {shortcuts.announcement}
      </p>
      {shortcuts.helpOpen && (
        <Suspense>
          <ShortcutsDialog onClose={shortcuts.closeHelp} />
        </Suspense>
      )}
    </>
  );

  if (!data) {
    const state = error ? (
      <ErrorMessage title="Could not load records" error={error} onRetry={() => void refetch()} />
    ) : (
      <p className="flex items-center justify-center gap-2 py-16 text-sm text-slate-500">
        <Spinner />
        {/* A failed attempt that will be retried, e.g. a 429 waiting out its Retry-After. */}
        {records.failureReason ? `${errorMessage(records.failureReason)} Retrying…` : 'Loading records…'}
      </p>
    );
    return (
      <>
        {state}
        {keyboard}
      </>
    );
  }

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
      ) : layout === 'cards' ? (
        <RecordCards {...view} />
      ) : (
        <RecordsTable {...view} />
      )}
      {hasNextPage && <LoadMore onLoad={loadMore} loading={isFetchingNextPage} />}
      {keyboard}
    </>
  );
}
