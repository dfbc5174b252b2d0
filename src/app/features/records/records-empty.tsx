import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { hasFilters, NO_FILTERS, type RecordsSearch, type SearchUpdate } from './records-search';

/** Says why the list is empty and offers the one step that shows more. */
export function RecordsEmpty({
  search,
  onChange,
}: {
  search: RecordsSearch;
  onChange: (patch: SearchUpdate) => void;
}) {
  if (search.handled === 'only') {
    return (
      <EmptyState title="No records marked handled">
        Failures marked resolved outside Sync Desk or “do not send” are listed here.
      </EmptyState>
    );
  }
  if (!hasFilters(search)) {
    return (
      <EmptyState title="No synced records yet">
        Monite has no accounting sync records for this entity.
      </EmptyState>
    );
  }
  const onlyFailed =
    search.sync_status.join() === 'error' &&
    !search.q &&
    !search.provider.length &&
    !search.platform.length &&
    !search.object_type.length;
  return (
    <EmptyState
      title={onlyFailed ? 'No failed records — everything synced.' : 'No records match these filters.'}
    >
      <p>Clear filters to see all records.</p>
      <Button className="mt-3" onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </Button>
    </EmptyState>
  );
}
