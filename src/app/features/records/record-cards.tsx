import type { RefObject } from 'react';
import { useParams } from 'react-router';
import { Checkbox } from '../../components/checkbox';
import { RecordCard } from './record-card';
import { virtualGaps, type RecordsViewProps } from './records-table';
import { isSelected } from './selection';
import { SortSelect } from './sort-header';

/**
 * The records as a list of cards, for a phone: the same virtual list as the table (padding holds
 * the place of the cards not rendered), with the select-all box and the sort the table has in its
 * header.
 */
export function RecordCards({
  entityId,
  rows,
  total,
  selection,
  canPush,
  virtual,
  cursor,
  sort,
  onSort,
}: RecordsViewProps) {
  const { recordId } = useParams();
  const { virtualizer, scrollMargin, bodyRef } = virtual;
  const { items, above, below } = virtualGaps({ virtualizer, scrollMargin });
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
        {items.map((item) => {
          const record = rows[item.index]!;
          return (
            <RecordCard
              key={item.key}
              ref={virtualizer.measureElement}
              index={item.index}
              total={total}
              entityId={entityId}
              record={record}
              selected={record.id === recordId}
              focused={record.id === cursor}
              canPush={canPush}
              checked={selection ? isSelected(selection.selection, record.id) : false}
              onCheck={selection?.toggle}
            />
          );
        })}
      </ul>
    </>
  );
}
