import { Outlet, useParams } from 'react-router';
import { useRecords } from '../../api/get-records';
import { FilterBar } from './filter-bar';
import { RecordsHeader } from './records-header';
import { RecordsList } from './records-list';
import { useRecordsSearch } from './records-search';

/** An entity's synced records; the details drawer opens over it as a child route. */
export function RecordsPage() {
  const { entityId = '' } = useParams();
  const [search, setSearch] = useRecordsSearch();
  const records = useRecords(entityId, search);
  const firstPage = records.data?.pages[0];

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <RecordsHeader entityId={entityId} mirror={firstPage?.mirror} />
      <FilterBar search={search} facets={firstPage?.facets} onChange={setSearch} />
      <main className="min-h-0 flex-1 overflow-auto">
        <RecordsList entityId={entityId} records={records} search={search} onChange={setSearch} />
      </main>
      <Outlet />
    </div>
  );
}
