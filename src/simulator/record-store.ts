/**
 * The synced records of every entity, indexed per (entity, object type) by created_at and by
 * updated_at. Pushes settle lazily: every read first applies the settlements that are due by the
 * clock, so there are no timers and a test that controls the clock controls the outcome.
 */
import { OBJECT_TYPES, type ObjectType } from '../monite/schemas';
import { freshRecord } from './dataset';
import { settledRecord, type ForcedOutcome } from './push-outcome';
import { rngFrom } from './random';
import { pageOf, type Cursor, type ListQuery, type Page } from './record-pages';
import { iso, type Entry, type SimRecord } from './sim-record';
import { compare, SortedIndex, type SortField } from './sorted-index';

/** Any field but the identity; `updated_at` defaults to now, as a real change would bump it. */
export type RecordPatch = Partial<Omit<SimRecord, 'id' | 'created_at'>>;

type Indexes = Record<SortField, SortedIndex>;

export class RecordStore {
  private readonly byId = new Map<string, Entry>();
  private readonly byObjectId = new Map<string, Entry[]>();
  private readonly indexes = new Map<string, Indexes>();
  /** In-flight pushes by settle time; an entry re-pushed meanwhile leaves a stale item, skipped. */
  private readonly settleQueue: { at: number; entry: Entry }[] = [];
  private readonly forced = new Map<string, ForcedOutcome>();
  private total = 0;
  private inserted = 0;

  constructor(
    private readonly seed: number,
    private readonly pushDelayMs: number,
    private readonly now: () => number,
    entityIds: readonly string[],
    seeded: readonly Entry[],
  ) {
    for (const entityId of entityIds) {
      for (const type of OBJECT_TYPES) {
        this.indexes.set(`${entityId}/${type}`, {
          created_at: new SortedIndex('created_at'),
          updated_at: new SortedIndex('updated_at'),
        });
      }
    }
    const groups = new Map<Indexes, Entry[]>();
    for (const entry of seeded) {
      const idx = this.indexesOf(entry.entityId, entry.record.object_type);
      const group = groups.get(idx);
      if (group) group.push(entry);
      else groups.set(idx, [entry]);
      this.remember(entry);
      if (entry.settleAt !== null) this.enqueue(entry, entry.settleAt);
    }
    for (const [idx, entries] of groups) {
      idx.created_at.load(entries);
      idx.updated_at.load(entries);
    }
  }

  get(entityId: string, id: string): Entry | undefined {
    this.settleDue();
    const entry = this.byId.get(id);
    return entry?.entityId === entityId ? entry : undefined;
  }

  list(query: ListQuery, cursor: Cursor | null, limit: number): Page {
    this.settleDue();
    const ids = [query.objectId, ...(query.objectIdIn ?? [])].filter((x) => x !== undefined);
    if (ids.length === 0) {
      return pageOf(this.indexesOf(query.entityId, query.objectType)[query.sort], query, cursor, limit);
    }
    // Filtering by object id: page over the few candidates instead of scanning the whole index.
    const candidates = new SortedIndex(query.sort);
    candidates.load([...new Set(ids.flatMap((id) => this.byObjectId.get(id) ?? []))]);
    return pageOf(candidates, query, cursor, limit);
  }

  /** The entity's record of one object type for a Monite document, if any. */
  byObject(entityId: string, objectType: ObjectType, objectId: string): Entry | undefined {
    this.settleDue();
    return this.byObjectId
      .get(objectId)
      ?.find((e) => e.entityId === entityId && e.record.object_type === objectType);
  }

  /** The entity's records of one object type by creation (read only: the store keeps it sorted). */
  created(entityId: string, objectType: ObjectType): SortedIndex {
    return this.indexesOf(entityId, objectType).created_at;
  }

  /** All of an entity's records, oldest first. */
  all(entityId: string): Entry[] {
    this.settleDue();
    return OBJECT_TYPES.flatMap(
      (type) => this.indexes.get(`${entityId}/${type}`)?.created_at.items ?? [],
    ).toSorted((a, b) => compare(a, b, 'created_at'));
  }

  /**
   * Starts a push: the record is pending from now until `pushDelayMs` later. The previous attempt's
   * errors are cleared: they describe a failure this attempt may fix, and showing them beside
   * `pending` would present stale reasons as current ones.
   */
  push(entry: Entry): void {
    const now = this.now();
    entry.pushes += 1;
    this.total += 1;
    entry.pushedAt = now;
    entry.settleAt = now + this.pushDelayMs;
    this.change(entry, { ...entry.record, sync_status: 'pending', errors: {}, updated_at: iso(now) });
    this.enqueue(entry, entry.settleAt);
  }

  /** Setting `sync_status` explicitly also cancels an in-flight push: the test takes over. */
  update(entityId: string, id: string, patch: RecordPatch): Entry {
    const entry = this.get(entityId, id);
    if (!entry) throw new Error(`No record ${id} in entity ${entityId}`);
    if (patch.sync_status !== undefined) entry.settleAt = null;
    this.change(entry, { ...entry.record, ...patch, updated_at: patch.updated_at ?? iso(this.now()) });
    return entry;
  }

  insert(entityId: string, init: Partial<SimRecord>): Entry {
    this.inserted += 1;
    const entry = freshRecord(rngFrom(this.seed, 'insert', this.inserted), entityId, this.now(), init);
    this.indexInsert(entry);
    this.remember(entry);
    return entry;
  }

  /** Removes the record: lists stop returning it, and reading or pushing it answers 404. */
  delete(entityId: string, id: string): void {
    const entry = this.get(entityId, id);
    if (!entry) throw new Error(`No record ${id} in entity ${entityId}`);
    const idx = this.indexesOf(entry.entityId, entry.record.object_type);
    idx.created_at.remove(entry);
    idx.updated_at.remove(entry);
    this.forget(entry);
    this.byId.delete(id);
    entry.settleAt = null; // its queued settlement, if any, is skipped
  }

  /** The next settlement of this record ends this way instead of the seeded draw. */
  forceOutcome(id: string, forced: ForcedOutcome): void {
    this.forced.set(id, forced);
  }

  pushCount(id: string): number {
    return this.byId.get(id)?.pushes ?? 0;
  }

  totalPushes(): number {
    return this.total;
  }

  private settleDue(): void {
    const now = this.now();
    let due = 0;
    while (due < this.settleQueue.length && (this.settleQueue[due]?.at ?? Infinity) <= now) due++;
    for (const { at, entry } of this.settleQueue.splice(0, due)) {
      if (entry.settleAt !== at) continue;
      entry.settleAt = null;
      this.change(entry, settledRecord(this.seed, entry, at, this.forced.get(entry.record.id)));
      this.forced.delete(entry.record.id);
    }
  }

  private enqueue(entry: Entry, at: number): void {
    let lo = 0;
    let hi = this.settleQueue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.settleQueue[mid]?.at ?? Infinity) <= at) lo = mid + 1;
      else hi = mid;
    }
    this.settleQueue.splice(lo, 0, { at, entry });
  }

  /** Replaces the record, moving it in every index whose key it changes. */
  private change(entry: Entry, next: SimRecord): void {
    const idx = this.indexesOf(entry.entityId, entry.record.object_type);
    idx.created_at.remove(entry);
    idx.updated_at.remove(entry);
    this.forget(entry);
    entry.record = next;
    entry.updatedMs = Date.parse(next.updated_at);
    this.remember(entry);
    this.indexInsert(entry);
  }

  private indexesOf(entityId: string, objectType: string): Indexes {
    const idx = this.indexes.get(`${entityId}/${objectType}`);
    if (!idx) throw new Error(`Unknown entity ${entityId} or object type ${objectType}`);
    return idx;
  }

  private indexInsert(entry: Entry): void {
    const idx = this.indexesOf(entry.entityId, entry.record.object_type);
    idx.created_at.insert(entry);
    idx.updated_at.insert(entry);
  }

  private remember(entry: Entry): void {
    this.byId.set(entry.record.id, entry);
    const same = this.byObjectId.get(entry.record.object_id);
    if (same) same.push(entry);
    else this.byObjectId.set(entry.record.object_id, [entry]);
  }

  private forget(entry: Entry): void {
    const same = this.byObjectId.get(entry.record.object_id)?.filter((e) => e !== entry) ?? [];
    if (same.length > 0) this.byObjectId.set(entry.record.object_id, same);
    else this.byObjectId.delete(entry.record.object_id);
  }
}
