/**
 * Keyset pages over a sorted index: the cursor is the (timestamp, id) of the record at the page's
 * edge, so a page costs a binary search plus a scan of the records it returns (and of those the
 * non-sort filters skip). A range filter on the sort field narrows the scan by binary search too,
 * which keeps incremental `sort=updated_at&updated_at__gt=…` polls cheap at any size.
 */
import type { ObjectType } from '../monite/schemas';
import type { Entry } from './sim-record';
import { keyOf, type SortedIndex, type SortField } from './sorted-index';

/** OrderEnum: not exported by src/monite/schemas.ts, so spelled out here. */
export const ORDERS = ['asc', 'desc'] as const;
export type Order = (typeof ORDERS)[number];
export type Range = { gt?: number; gte?: number; lt?: number; lte?: number };

/** The original query a pagination token carries (API.md §4): everything but `limit`. */
export type ListQuery = {
  entityId: string;
  objectType: ObjectType;
  order: Order;
  sort: SortField;
  objectId?: string;
  objectIdIn?: string[];
  created: Range;
  updated: Range;
};

export type Cursor = { dir: 'next' | 'prev'; key: number; id: string };

export type Page = { items: Entry[]; next: Cursor | null; prev: Cursor | null };

const inRange = (v: number, r: Range) =>
  (r.gt === undefined || v > r.gt) &&
  (r.gte === undefined || v >= r.gte) &&
  (r.lt === undefined || v < r.lt) &&
  (r.lte === undefined || v <= r.lte);

function matches(e: Entry, q: ListQuery): boolean {
  return (
    e.entityId === q.entityId &&
    e.record.object_type === q.objectType &&
    inRange(e.createdMs, q.created) &&
    inRange(e.updatedMs, q.updated) &&
    (q.objectId === undefined || e.record.object_id === q.objectId) &&
    (q.objectIdIn === undefined || q.objectIdIn.includes(e.record.object_id))
  );
}

/** [lo, hi) positions that can satisfy the range on the index's own field. */
function bounds(index: SortedIndex, r: Range): [number, number] {
  let lo = 0;
  let hi = index.items.length;
  if (r.gt !== undefined) lo = Math.max(lo, index.bound(r.gt, '~', false));
  if (r.gte !== undefined) lo = Math.max(lo, index.bound(r.gte, '', true));
  if (r.lt !== undefined) hi = Math.min(hi, index.bound(r.lt, '', true));
  if (r.lte !== undefined) hi = Math.min(hi, index.bound(r.lte, '~', false));
  return [lo, hi];
}

export function pageOf(index: SortedIndex, q: ListQuery, cursor: Cursor | null, limit: number): Page {
  const [lo, hi] = bounds(index, q.sort === 'created_at' ? q.created : q.updated);
  const backwards = cursor?.dir === 'prev';
  // Walking up the index means ascending order, unless we are fetching the page before the cursor.
  const up = (q.order === 'asc') !== backwards;
  let i: number;
  if (!cursor) i = up ? lo : hi - 1;
  else if (up) i = Math.max(lo, index.bound(cursor.key, cursor.id, false));
  else i = Math.min(hi, index.bound(cursor.key, cursor.id, true)) - 1;

  // One extra match tells whether there is another page in the walking direction.
  const found: Entry[] = [];
  for (; i >= lo && i < hi && found.length <= limit; i += up ? 1 : -1) {
    const e = index.items[i] as Entry;
    if (matches(e, q)) found.push(e);
  }
  const more = found.length > limit;
  const items = found.slice(0, limit);
  if (backwards) items.reverse();

  const edge = (e: Entry | undefined, dir: Cursor['dir']): Cursor | null =>
    e ? { dir, key: keyOf(e, q.sort), id: e.record.id } : null;
  const first = items[0];
  const last = items.at(-1);
  if (backwards) return { items, prev: more ? edge(first, 'prev') : null, next: edge(last, 'next') };
  // The first page has no previous one; a page reached by `next` has the one we came from.
  return { items, next: more ? edge(last, 'next') : null, prev: cursor ? edge(first, 'prev') : null };
}
