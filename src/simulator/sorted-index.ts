/**
 * Entries kept sorted by (timestamp, id): a page is a binary search plus a short scan, so paging
 * through 100,000 records never re-sorts them. A record whose key changes is moved with one
 * remove + insert (a memmove of pointers, far cheaper than a sort).
 */
import type { Entry } from './sim-record';

/** SyncRecordCursorFields: not exported by src/monite/schemas.ts, so spelled out here. */
export const SORT_FIELDS = ['created_at', 'updated_at'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export const keyOf = (entry: Entry, field: SortField) =>
  field === 'created_at' ? entry.createdMs : entry.updatedMs;

export class SortedIndex {
  readonly items: Entry[] = [];

  constructor(readonly field: SortField) {}

  /**
   * The first position whose (key, id) is after (key, id) — or at it, when `inclusive`.
   * Pass id '' / '~' to bound on the key alone (ids are lowercase hex and '-').
   */
  bound(key: number, id: string, inclusive: boolean): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.items[mid] as Entry;
      const k = keyOf(e, this.field);
      const before = k < key || (k === key && (inclusive ? e.record.id < id : e.record.id <= id));
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: Entry): void {
    this.items.splice(this.bound(keyOf(entry, this.field), entry.record.id, true), 0, entry);
  }

  /** Call before the entry's key changes: the position is found by its current key. */
  remove(entry: Entry): void {
    const at = this.bound(keyOf(entry, this.field), entry.record.id, true);
    if (this.items[at] !== entry) throw new Error(`index out of sync for record ${entry.record.id}`);
    this.items.splice(at, 1);
  }

  /** Fills an empty index in one sort (seeding 100k records one insert at a time is quadratic). */
  load(entries: Entry[]): void {
    for (const e of entries) this.items.push(e);
    this.items.sort((a, b) => compare(a, b, this.field));
  }
}

export function compare(a: Entry, b: Entry, field: SortField): number {
  const d = keyOf(a, field) - keyOf(b, field);
  if (d !== 0) return d;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}
