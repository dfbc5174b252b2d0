import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useParams } from 'react-router';
import type { ListedRecord, Sort } from '../../../contract/api';
import { Checkbox } from '../../components/checkbox';
import { RecordRow } from './record-row';
import { isSelected } from './selection';
import { RecordSortHeader, SortHeader } from './sort-header';
import type { RecordSelection } from './use-record-selection';

/** How the records are laid out: table rows, or cards on a phone. */
export type RecordsLayout = 'table' | 'cards';

/**
 * A row with a one-line error, a card with a two-line name and a one-line error; items are
 * measured once shown, this only sizes the first render.
 */
const ESTIMATE: Record<RecordsLayout, number> = { table: 53, cards: 132 };
/** The table's sticky header: a row scrolled to by keyboard must not end up under it. */
const HEADER_HEIGHT: Record<RecordsLayout, number> = { table: 36, cards: 0 };
/** On the server (the first screen, app/server/first-screen.tsx) there is no window to fill. */
const onServer = typeof window === 'undefined';
/** So the server draws the rows a desktop's window shows, and no more. */
const SERVER_RECT = { width: 1440, height: 1080 };

export type RecordsViewProps = {
  entityId: string;
  /** The loaded rows, in screen order. */
  rows: readonly ListedRecord[];
  /** How many records match the filters (loaded or not). */
  total: number;
  selection?: RecordSelection;
  canPush: boolean;
  virtual: VirtualRows;
  /** The keyboard's current row, by id. */
  cursor: string | null;
  sort: Sort;
  onSort: (sort: Sort) => void;
};

/**
 * The virtual list over the loaded rows, scrolled by `scroller`, in either layout; `bodyRef`
 * goes on the element whose children are the rendered records.
 */
export function useVirtualRows(
  rows: readonly ListedRecord[],
  scroller: HTMLElement | null,
  layout: RecordsLayout,
) {
  const bodyRef = useRef<HTMLElement>(null);
  // Where the rows start inside the scroller: the count line and banners sit above the table.
  const [scrollMargin, setScrollMargin] = useState(0);
  // After every render, since what sits above can change with any of it; it settles at once
  // (the state only changes when the offset does).
  // oxlint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!scroller || !body) return;
    const margin = Math.round(
      body.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop,
    );
    setScrollMargin((current) => (current === margin ? current : margin));
  });
  // Its functions are not safe to memoise, which matters only under the React Compiler (not used).
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: () => ESTIMATE[layout],
    getItemKey: (index) => rows[index]!.id,
    overscan: onServer ? 0 : 10,
    // Rows in the first render, before the scroller exists (a render and a layout sooner): it is
    // at most the window's height.
    initialRect: onServer ? SERVER_RECT : { width: window.innerWidth, height: window.innerHeight },
    scrollMargin,
    scrollPaddingStart: HEADER_HEIGHT[layout],
  });
  // Sizes measured in the other layout are wrong in this one.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, layout]);
  return { virtualizer, scrollMargin, bodyRef };
}
export type VirtualRows = ReturnType<typeof useVirtualRows>;

/** Heights of the records not rendered before and after those that are. */
/**
 * The records in the virtual list's view, each with the props either layout's item takes, and
 * the gaps that hold the place of those not rendered.
 */
export function useRenderedRecords({
  rows,
  entityId,
  selection,
  canPush,
  virtual,
  cursor,
}: RecordsViewProps) {
  const { recordId } = useParams();
  const { virtualizer, scrollMargin } = virtual;
  const items = virtualizer.getVirtualItems();
  return {
    above: items.length > 0 ? items[0]!.start - scrollMargin : 0,
    // The gap holds the place of every row not rendered, also before the scroller is known, so
    // the infinite scroll's sentinel below does not come into view and load pages for nothing.
    below: virtualizer.getTotalSize() - (items.length > 0 ? items.at(-1)!.end - scrollMargin : 0),
    records: items.map(({ key, index }) => {
      const record = rows[index]!;
      return {
        key,
        props: {
          ref: virtualizer.measureElement,
          index,
          entityId,
          record,
          selected: record.id === recordId,
          focused: record.id === cursor,
          canPush,
          checked: selection ? isSelected(selection.selection, record.id) : false,
          onCheck: selection?.toggle,
        },
      };
    }),
  };
}

/**
 * The records as a real table whose rows outside the scroller's view are not rendered (spacer
 * rows keep its height): thousands of loaded rows stay a few hundred DOM nodes. Fixed column
 * widths keep the columns still while different rows scroll through; below a laptop's width the
 * provider and platform columns collapse (into the record's cell) so the table fits a tablet.
 */
export function RecordsTable(view: RecordsViewProps) {
  const { total, sort, onSort, selection, canPush, virtual } = view;
  const { bodyRef } = virtual;
  const { above, below, records } = useRenderedRecords(view);
  const columns = 6 + (selection ? 1 : 0) + (canPush ? 1 : 0);
  const spacer = (height: number) =>
    height > 0 && (
      <tr aria-hidden="true">
        <td colSpan={columns} className="border-0! p-0" style={{ height }} />
      </tr>
    );

  return (
    <table
      // Screen readers count every matching record, not only the rows in the DOM.
      aria-rowcount={total + 1}
      className="w-full table-fixed border-separate border-spacing-0 text-left text-sm"
    >
      <colgroup>
        {selection && <col className="w-10" />}
        <col className="w-52 lg:w-72" />
        <col className="w-28" />
        {/* Collapsed (header and cells) at no width, so the others keep the table's whole width. */}
        <col className="max-lg:collapse max-lg:w-0 lg:w-24" />
        <col className="max-lg:collapse max-lg:w-0 lg:w-32" />
        <col className="w-28 lg:w-32" />
        <col />
        {canPush && <col className="w-24 lg:w-28" />}
      </colgroup>
      <thead className="sticky top-0 z-10 bg-slate-50/95 text-xs font-medium text-slate-500 backdrop-blur">
        <tr
          aria-rowindex={1}
          className="[&>th]:border-b [&>th]:border-slate-200 [&>th]:px-4 [&>th]:py-2 [&>th]:font-medium"
        >
          {selection && (
            <th scope="col" className="pr-1!">
              <Checkbox
                aria-label="Select all loaded records"
                checked={selection.header === 'all'}
                indeterminate={selection.header === 'some'}
                onChange={selection.toggleAll}
              />
            </th>
          )}
          <RecordSortHeader sort={sort} onSort={onSort} />
          <SortHeader sort={sort} onSort={onSort} sortKey="sync_status">
            Status
          </SortHeader>
          <SortHeader sort={sort} onSort={onSort} sortKey="provider">
            Provider
          </SortHeader>
          <SortHeader sort={sort} onSort={onSort} sortKey="platform">
            Platform
          </SortHeader>
          <SortHeader sort={sort} onSort={onSort} sortKey="updated_at">
            Updated
          </SortHeader>
          <SortHeader sort={sort} onSort={onSort} sortKey="error">
            Error
          </SortHeader>
          {canPush && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody
        ref={bodyRef as RefObject<HTMLTableSectionElement | null>}
        className="bg-white [&>tr>td]:border-b [&>tr>td]:border-slate-100"
      >
        {spacer(above)}
        {records.map(({ key, props }) => (
          <RecordRow key={key} {...props} />
        ))}
        {spacer(below)}
      </tbody>
    </table>
  );
}
