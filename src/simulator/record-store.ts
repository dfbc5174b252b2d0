/**
 * The synced records of every entity, indexed per (entity, object type) by created_at and by
 * updated_at. Pushes settle lazily: every read first applies the settlements (and the simulated
 * bookkeeper's fixes) that are due by the clock, so there are no timers and a test that controls
 * the clock controls the outcome.
 */
import { OBJECT_TYPES, type ObjectType } from '../monite/schemas';
import { freshRecord } from './dataset';
import { settle, type ForcedOutcome } from './push-outcome';
import { intBetween, rngFrom } from './random';
import { pageOf, type Cursor, type ListQuery, type Page } from './record-pages';
import { iso, type Cause, type Entry, type SimRecord } from './sim-record';
import { compare, SortedIndex, type SortField } from './sorted-index';

/** Any field but the identity; `updated_at` defaults to now, as a real change would bump it. */
export type RecordPatch = Partial<Omit<SimRecord, 'id' | 'created_at'>>;

type Indexes = Record<SortField, SortedIndex>;

/**
 * Someone who fixes the document behind each failure that pushing again cannot help, a delay
 * after it failed (drawn per record and push between the two bounds, in ms). It only acts on
 * failures of pushes made while the simulator runs: the seeded ones wait for a push first.
 */
export type Bookkeeper = { fixAfterMs: readonly [min: number, max: number] };

/** A push settling (`entry.settleAt === at`), or the bookkeeper fixing `fixes` if it still stands. */
type Due = { at: number; entry: Entry; fixes?: Cause };

export class RecordStore {
  private readonly byId = new Map<string, Entry>();
  private readonly byObjectId = new Map<string, Entry[]>();
  private readonly indexes = new Map<string, Indexes>();
  /** In-flight pushes and fixes by time; an entry re-pushed or fixed meanwhile leaves a stale item, skipped. */
  private readonly dueQueue: Due[] = [];
  private readonly fixScheduled = new WeakSet<Cause>();
  private readonly forced = new Map<string, ForcedOutcome>();
  private total = 0;
  private inserted = 0;

  constructor(
    private readonly seed: number,
    private readonly pushDelayMs: number,
    private readonly now: () => number,
    entityIds: readonly string[],
    seeded: readonly Entry[],
    private readonly bookkeeper?: Bookkeeper,
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
      if (entry.settleAt !== null) this.enqueue({ at: entry.settleAt, entry });
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
    this.enqueue({ at: entry.settleAt, entry });
  }

  /**
   * Fixes the document behind the record as a bookkeeper would in Monite, Xero or QuickBooks: the
   * document changes (`object_updated_at`, and with it `updated_at`) and loses the flaw its failure
   * named, so the next push takes the ordinary draw. The record keeps its status and errors until
   * that push: Monite does not push a changed document by itself.
   */
  fix(entityId: string, id: string): Entry {
    const entry = this.get(entityId, id);
    if (!entry) throw new Error(`No record ${id} in entity ${entityId}`);
    this.fixAt(entry, this.now());
    return entry;
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
    // Its queued settlement and fix, if any, are skipped.
    entry.settleAt = null;
    entry.cause = null;
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
    // A settlement may schedule a fix that is due already: repeat until nothing due is left.
    for (;;) {
      let due = 0;
      while (due < this.dueQueue.length && (this.dueQueue[due]?.at ?? Infinity) <= now) due++;
      if (due === 0) return;
      for (const item of this.dueQueue.splice(0, due)) this.apply(item);
    }
  }

  private apply({ at, entry, fixes }: Due): void {
    if (fixes) {
      if (entry.cause === fixes) this.fixAt(entry, at);
      return;
    }
    if (entry.settleAt !== at) return;
    entry.settleAt = null;
    const id = entry.record.id;
    const { record, cause } = settle(this.seed, entry, at, this.forced.get(id));
    this.forced.delete(id);
    entry.cause = cause;
    this.change(entry, record);
    if (this.bookkeeper && cause && !cause.message.transient && !this.fixScheduled.has(cause)) {
      this.fixScheduled.add(cause);
      const [min, max] = this.bookkeeper.fixAfterMs;
      const delay = intBetween(rngFrom(this.seed, 'bookkeeper', id, entry.pushes), min, max);
      this.enqueue({ at: at + delay, entry, fixes: cause });
    }
  }

  private fixAt(entry: Entry, at: number): void {
    entry.cause = null;
    this.change(entry, { ...entry.record, object_updated_at: iso(at), updated_at: iso(at) });
  }

  private enqueue(item: Due): void {
    let lo = 0;
    let hi = this.dueQueue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.dueQueue[mid]?.at ?? Infinity) <= item.at) lo = mid + 1;
      else hi = mid;
    }
    this.dueQueue.splice(lo, 0, item);
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
