/**
 * The records table's sortable column headers: a button that sorts by the column, and again
 * the other way, with `aria-sort` on the header. The Record column sorts by one of the things
 * its cell shows, chosen in a select beside its button. On a phone, where cards have no header
 * row, one select offers every order.
 */
import { useId } from 'react';
import { SORT_KEYS, SORTS, sortParts, type Sort, type SortKey } from '../../../contract/api';

/** How each key reads, low to high and high to low. */
const DIRECTIONS: Record<SortKey, [ascending: string, descending: string]> = {
  updated_at: ['oldest first', 'newest first'],
  number: ['A to Z', 'Z to A'],
  counterpart: ['A to Z', 'Z to A'],
  amount: ['smallest first', 'largest first'],
  due_date: ['earliest first', 'latest first'],
  sync_status: ['A to Z', 'Z to A'],
  provider: ['A to Z', 'Z to A'],
  platform: ['A to Z', 'Z to A'],
  error: ['by cause, A to Z', 'by cause, Z to A'],
};
/** A column's first click: the newest and the largest amounts first, names and dates from the start. */
const FIRST_DESCENDING: ReadonlySet<SortKey> = new Set(['updated_at', 'amount']);

const RECORD_KEYS = ['number', 'counterpart', 'amount', 'due_date'] as const satisfies SortKey[];
type RecordKey = (typeof RECORD_KEYS)[number];
const RECORD_KEY_LABELS: Record<RecordKey, string> = {
  number: 'Number',
  counterpart: 'Counterpart',
  amount: 'Amount',
  due_date: 'Due date',
};

type SortProps = { sort: Sort; onSort: (sort: Sort) => void };

const firstSort = (key: SortKey): Sort => (FIRST_DESCENDING.has(key) ? `-${key}` : key);

/** The same key the other way, or another key from its first direction. */
export function nextSort(sort: Sort, key: SortKey): Sort {
  const current = sortParts(sort);
  if (current.key !== key) return firstSort(key);
  return current.desc ? key : `-${key}`;
}

/**
 * The header's button: the column's title, an arrow when sorted by it, and to screen readers
 * "Sort by …" and the order in words (so it is not one more "Provider" beside the filter's).
 */
function SortButton({ sort, onSort, sortKey, children }: SortProps & { sortKey: SortKey; children: string }) {
  const { key, desc } = sortParts(sort);
  const active = key === sortKey;
  return (
    <button
      type="button"
      onClick={() => onSort(nextSort(sort, sortKey))}
      aria-label={`Sort by ${children}${active ? `, sorted ${DIRECTIONS[key][desc ? 1 : 0]}` : ''}`}
      className="inline-flex items-center gap-1 rounded-sm hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {children}
      {active && <span aria-hidden="true">{desc ? '↓' : '↑'}</span>}
    </button>
  );
}

const ariaSort = (sort: Sort, keys: readonly SortKey[]) => {
  const { key, desc } = sortParts(sort);
  if (!keys.includes(key)) return undefined;
  return desc ? 'descending' : 'ascending';
};

/** A column header that sorts by `sortKey`; named by its title alone, as its cells' header. */
export function SortHeader(props: SortProps & { sortKey: SortKey; children: string }) {
  return (
    <th scope="col" aria-label={props.children} aria-sort={ariaSort(props.sort, [props.sortKey])}>
      <SortButton {...props} />
    </th>
  );
}

/** The Record column's header: sorts by the number, counterpart, amount or due date chosen beside it. */
export function RecordSortHeader({ sort, onSort }: SortProps) {
  const id = useId();
  const { key } = sortParts(sort);
  const chosen = RECORD_KEYS.find((k) => k === key) ?? 'number';
  return (
    <th scope="col" aria-label="Record" aria-sort={ariaSort(sort, RECORD_KEYS)}>
      <span className="inline-flex items-center gap-2">
        <SortButton sort={sort} onSort={onSort} sortKey={chosen}>
          Record
        </SortButton>
        <label htmlFor={id} className="sr-only">
          Sort records by
        </label>
        <select
          id={id}
          value={chosen}
          onChange={(event) => onSort(firstSort(RECORD_KEYS.find((k) => k === event.target.value) ?? chosen))}
          className="h-6 rounded-sm bg-transparent pr-1 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {RECORD_KEYS.map((value) => (
            <option key={value} value={value}>
              {RECORD_KEY_LABELS[value]}
            </option>
          ))}
        </select>
      </span>
    </th>
  );
}

/** How each key is named where no column title says it (the phone's select). */
const KEY_LABELS: Record<SortKey, string> = {
  ...RECORD_KEY_LABELS,
  updated_at: 'Updated',
  sync_status: 'Status',
  provider: 'Provider',
  platform: 'Platform',
  error: 'Error',
};

/** Every order in one select, each key both ways: for the cards, which have no header row. */
export function SortSelect({ sort, onSort }: SortProps) {
  const id = useId();
  return (
    <span className="inline-flex items-center gap-2">
      <label htmlFor={id}>Sort</label>
      <select
        id={id}
        value={sort}
        onChange={(event) => onSort(SORTS.find((s) => s === event.target.value) ?? sort)}
        className="h-7 rounded-sm bg-transparent pr-1 text-xs text-slate-700 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {SORT_KEYS.flatMap((key) =>
          ([firstSort(key), nextSort(firstSort(key), key)] as const).map((value) => (
            <option key={value} value={value}>
              {KEY_LABELS[key]}, {DIRECTIONS[key][sortParts(value).desc ? 1 : 0]}
            </option>
          )),
        )}
      </select>
    </span>
  );
}
