import type { RefObject } from 'react';
import { Checkbox } from '../../components/checkbox';
import { RecordCard } from './record-card';
import { useRenderedRecords, type RecordsViewProps } from './records-table';
import { SortSelect } from './sort-header';

/**
 * The records as a list of cards, for a phone: the same virtual list as the table (padding holds
 * the place of the cards not rendered), with the select-all box and the sort the table has in its
 * header.
 */
export function RecordCards(view: RecordsViewProps) {
  const { total, selection, sort, onSort, virtual } = view;
  const { bodyRef } = virtual;
  const { above, below, records } = useRenderedRecords(view);
  return (
    <>
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2 text-xs font-medium text-slate-600">
        {selection && (
          <label className="flex items-center gap-3">
            <Checkbox
              checked={selection.header === 'all'}
              indeterminate={selection.header === 'some'}
              onChange={selection.toggleAll}
            />
            Select all loaded records
          </label>
        )}
        <SortSelect sort={sort} onSort={onSort} />
      </div>
      <ul
        ref={bodyRef as RefObject<HTMLUListElement | null>}
        aria-label="Records"
        className="bg-white"
        style={{ paddingTop: above, paddingBottom: below }}
      >
        {records.map(({ key, props }) => (
          <RecordCard key={key} {...props} total={total} />
        ))}
      </ul>
    </>
  );
}
