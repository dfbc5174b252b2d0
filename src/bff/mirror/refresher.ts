/**
 * Keeps each entity's mirror in step with Monite. The first pass over an object type is a full
 * scan; later passes ask only for what changed (`sort=updated_at&updated_at__gte=<high water>`),
 * which costs one request per object type when nothing did. Pages are written in batches of
 * WRITE_BATCH records, one batch at a time while the next pages arrive, and the high water moves
 * with each batch written, so an interrupted scan resumes where it stopped.
 *
 * Monite has no feed of deletions, so a record deleted there is only noticed by its absence:
 * now and then (every `sweepIntervalMs`, while the dashboard is in use) a sweep pages through
 * every object type and drops the rows Monite no longer lists (see `sweep`).
 *
 * Several server processes on one database share the mirror: each refresh and sweep of an entity
 * holds a lease (db/leases.ts), and a process that finds another holding it does not scan; it
 * serves the mirror as the other keeps it.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MirrorStatus } from '../../contract/api';
import { OBJECT_TYPES, type ObjectType, type SyncRecord } from '../../monite/schemas';
import type { SyncRecordList } from '../../monite/server-schemas.server';
import type { Db } from '../db/database';
import type { Leases } from '../db/leases';
import { toHttpError } from '../http-errors';
import type { MoniteClient, Upstream } from '../monite-client';
import { deleteRecords, mirroredIds, normaliseTime, upsertRecords } from './store';

/** Monite's safe page size (API.md §4: send `limit` ≤ 100). */
export const PAGE_SIZE = 100;
/**
 * Records written a transaction during a scan. Each commit writes every index page it touched
 * to the WAL; record ids are random, so the id index is touched all over, and bigger batches
 * touch each of its pages once for many records (see bench/mirror.ts: bytes per record, and
 * docs/decisions/001-record-mirror.md). The write yields to the event loop between chunks, so
 * pages keep arriving meanwhile; the price is that other queries wait for the batch's commit.
 */
const WRITE_BATCH = 50_000;
/** Mirrored ids compared with Monite's at a time at the end of a sweep. */
const COMPARE_BATCH = 10_000;

/** Upstream list requests a pass sent, and the records they returned. */
export type RefreshStats = { requests: number; records: number };
export type SweepStats = { requests: number; seen: number; removed: number };

type EntityState = {
  running?: Promise<RefreshStats>;
  sweeping?: Promise<SweepStats>;
  error: string | null;
  lastStart: number;
};

export class MirrorRefresher {
  private readonly entities = new Map<string, EntityState>();
  private readonly listeners: ((entityId: string) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly monite: MoniteClient,
    private readonly log: FastifyBaseLogger,
    private readonly leases: Leases,
    /** At most one background refresh an entity this often while the dashboard is in use. */
    private readonly minIntervalMs: number,
    /** A sweep for deleted records at most this often (it reads every record: N / 100 requests). */
    private readonly sweepIntervalMs: number,
  ) {}

  /** Starts a background refresh when the last one began long enough ago; never waits for it. */
  touch(entityId: string): void {
    const state = this.entities.get(entityId);
    if (state && (state.running || Date.now() - state.lastStart < this.minIntervalMs)) return;
    this.refresh(entityId)
      .then(() => this.sweepIfDue(entityId))
      .catch(() => {}); // the outcome is recorded in the state
  }

  /**
   * Refreshes now; callers during a running refresh share it. While another server process
   * refreshes the entity, answers at once with nothing read.
   */
  refresh(entityId: string): Promise<RefreshStats> {
    const state = this.stateOf(entityId);
    if (!state.running) {
      state.lastStart = Date.now();
      state.running = this.exclusively(`refresh:${entityId}`, { requests: 0, records: 0 }, () =>
        this.run(entityId, state),
      ).finally(() => (state.running = undefined));
    }
    return state.running;
  }

  /**
   * Pages through every record of every object type (sorted by creation, so records changing
   * meanwhile keep their place) and deletes the rows Monite did not list. A row written after
   * the sweep began is kept whatever the pages said: it was read from Monite later than they
   * were. Runs beside refreshes (it never holds them up); callers during a sweep share it.
   */
  sweep(entityId: string): Promise<SweepStats> {
    const state = this.stateOf(entityId);
    state.sweeping ??= this.exclusively(`sweep:${entityId}`, { requests: 0, seen: 0, removed: 0 }, () =>
      this.runSweep(entityId),
    ).finally(() => (state.sweeping = undefined));
    return state.sweeping;
  }

  /** Calls `listener` after each refresh of an entity that succeeded (e.g. to read what changed). */
  afterEachRefresh(listener: (entityId: string) => void): void {
    this.listeners.push(listener);
  }

  async status(entityId: string): Promise<MirrorStatus> {
    const cursors = await this.cursors(entityId);
    const done = cursors.map((c) => c.refreshed_at).filter((t): t is string => t !== null);
    const complete = done.length === OBJECT_TYPES.length;
    const state = this.entities.get(entityId);
    const scanning = state?.running !== undefined || (await this.leases.heldElsewhere(`refresh:${entityId}`));
    return {
      state: state?.error && !scanning ? 'error' : complete ? 'ready' : scanning ? 'scanning' : 'empty',
      // The mirror is as fresh as its stalest object type.
      refreshed_at: complete ? done.toSorted()[0]! : null,
      error: state?.error ?? null,
    };
  }

  private stateOf(entityId: string): EntityState {
    const state = this.entities.get(entityId) ?? { error: null, lastStart: 0 };
    this.entities.set(entityId, state);
    return state;
  }

  private cursors(entityId: string) {
    return this.db
      .selectFrom('mirror_cursor')
      .select(['object_type', 'refreshed_at', 'swept_at'])
      .where('entity_id', '=', entityId)
      .execute();
  }

  /** A sweep once every object type has been scanned and the oldest check is long enough ago. */
  private async sweepIfDue(entityId: string): Promise<void> {
    const cursors = await this.cursors(entityId);
    if (cursors.length < OBJECT_TYPES.length || cursors.some((c) => c.refreshed_at === null)) return;
    const oldest = Math.min(...cursors.map((c) => (c.swept_at ? Date.parse(c.swept_at) : 0)));
    if (Date.now() - oldest >= this.sweepIntervalMs) await this.sweep(entityId);
  }

  /** Runs `task` holding the lease `name`; while another process holds it, answers `idle`. */
  private async exclusively<T>(name: string, idle: T, task: () => Promise<T>): Promise<T> {
    const lease = await this.leases.claim(name);
    if (!lease) return idle;
    try {
      return await task();
    } finally {
      await lease.release();
    }
  }

  private async run(entityId: string, state: EntityState): Promise<RefreshStats> {
    const started = performance.now();
    const stats: RefreshStats = { requests: 0, records: 0 };
    const writes = new WriteQueue();
    try {
      for (const objectType of OBJECT_TYPES) await this.refreshType(entityId, objectType, stats, writes);
      await writes.done();
      state.error = null;
      this.log.info({ entityId, ms: Math.round(performance.now() - started), ...stats }, 'mirror refreshed');
      for (const listener of this.listeners) listener(entityId);
      return stats;
    } catch (error) {
      await writes.done().catch(() => {}); // a refresh ends only once its writes have
      // Shown on the records page: Monite's failures in the words every route uses for them.
      state.error = toHttpError(error).message;
      this.log.warn({ entityId, err: error }, 'mirror refresh failed');
      throw error;
    }
  }

  private async refreshType(
    entityId: string,
    objectType: ObjectType,
    stats: RefreshStats,
    writes: WriteQueue,
  ): Promise<void> {
    const cursor = await this.db
      .selectFrom('mirror_cursor')
      .select('high_water')
      .where('entity_id', '=', entityId)
      .where('object_type', '=', objectType)
      .executeTakeFirst();
    let highWater = cursor?.high_water ?? null;
    // A full scan lists every record, so it also counts as a sweep of this type, from its start.
    const fullScanFrom = highWater === null ? new Date().toISOString() : undefined;
    const listPage = (token?: string) =>
      this.monite.listRecords(
        entityId,
        {
          object_type: objectType,
          limit: PAGE_SIZE,
          sort: 'updated_at',
          order: 'asc',
          // `gte`, not `gt`: a record updated within the same instant as the last one seen is not lost.
          ...(token ? { pagination_token: token } : highWater ? { updated_at__gte: highWater } : {}),
        },
        // Background work: a person's push or record view goes first.
        { priority: 'bulk' },
      );
    const fetchPage = (token?: string): Promise<Upstream<SyncRecordList>> => listPage(token);
    const batch: SyncRecord[] = [];
    let next: Promise<Upstream<SyncRecordList>> | undefined = fetchPage();
    try {
      while (next) {
        const page: SyncRecordList = (await next).data;
        const token: string | undefined = page.next_pagination_token ?? undefined;
        next = token ? fetchPage(token) : undefined;
        stats.requests += 1;
        stats.records += page.data.length;
        batch.push(...page.data);
        for (const r of page.data) {
          if (!highWater || normaliseTime(r.updated_at) > normaliseTime(highWater)) highWater = r.updated_at;
        }
        if (batch.length >= WRITE_BATCH || !next) {
          const records = batch.splice(0);
          const reached = highWater;
          const passEnds = !next;
          // Pages (of this type or the next) keep arriving while the batch is written.
          await writes.add(async () => {
            await upsertRecords(this.db, entityId, records);
            await this.saveCursor(entityId, objectType, {
              high_water: reached,
              ...(passEnds && { refreshed_at: new Date().toISOString() }),
              ...(passEnds && fullScanFrom && { swept_at: fullScanFrom }),
            });
          });
        }
      }
    } finally {
      next?.catch(() => {}); // a failed write abandons the page in flight
    }
  }

  private async runSweep(entityId: string): Promise<SweepStats> {
    const startedAt = Date.now();
    const seen = new Set<string>();
    let requests = 0;
    for (const objectType of OBJECT_TYPES) {
      let token: string | undefined;
      do {
        const { data: page } = await this.monite.listRecords(
          entityId,
          {
            object_type: objectType,
            limit: PAGE_SIZE,
            sort: 'created_at',
            order: 'asc',
            ...(token && { pagination_token: token }),
          },
          { priority: 'bulk' },
        );
        requests += 1;
        for (const r of page.data) seen.add(r.id);
        token = page.next_pagination_token ?? undefined;
      } while (token);
    }
    // Only now, with every type listed (a failed page throws before this), is absence evidence.
    let removed = 0;
    for (let after = ''; ;) {
      const ids = await mirroredIds(this.db, entityId, after, COMPARE_BATCH);
      if (ids.length === 0) break;
      const gone = ids.filter((id) => !seen.has(id));
      removed += await deleteRecords(this.db, entityId, gone, { writtenBefore: startedAt });
      after = ids.at(-1)!;
    }
    await this.db
      .updateTable('mirror_cursor')
      .set({ swept_at: new Date(startedAt).toISOString() })
      .where('entity_id', '=', entityId)
      .execute();
    const stats = { requests, seen: seen.size, removed };
    this.log.info({ entityId, ms: Date.now() - startedAt, ...stats }, 'mirror swept');
    return stats;
  }

  private async saveCursor(
    entityId: string,
    objectType: ObjectType,
    values: { high_water: string | null; refreshed_at?: string; swept_at?: string },
  ): Promise<void> {
    await this.db
      .insertInto('mirror_cursor')
      .values({ entity_id: entityId, object_type: objectType, refreshed_at: null, swept_at: null, ...values })
      .onConflict((oc) => oc.columns(['entity_id', 'object_type']).doUpdateSet(values))
      .execute();
  }
}

/**
 * A refresh's batch writes, one at a time and in order, each with the cursor it earns. A write
 * that fails stops the refresh at its next batch, so no later cursor claims unwritten records.
 */
class WriteQueue {
  private last: Promise<void> = Promise.resolve();

  /** Waits for the write before (throwing its failure), then starts `write` without waiting for it. */
  async add(write: () => Promise<void>): Promise<void> {
    await this.last;
    this.last = write();
    this.last.catch(() => {}); // seen by the next `add` or by `done`
  }

  done(): Promise<void> {
    return this.last;
  }
}
