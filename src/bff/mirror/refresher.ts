/**
 * Keeps each entity's mirror in step with Monite. The first pass over an object type is a full
 * scan; later passes ask only for what changed (`sort=updated_at&updated_at__gte=<high water>`),
 * which costs one request per object type when nothing did. Pages are written as they arrive,
 * and the high water moves with them, so an interrupted scan resumes where it stopped.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MirrorStatus } from '../../contract/api';
import { OBJECT_TYPES, type ObjectType } from '../../monite/schemas';
import type { Db } from '../db/database';
import { toHttpError } from '../http-errors';
import type { MoniteClient } from '../monite-client';
import { normaliseTime, upsertRecords } from './store';

/** Monite's safe page size (API.md §4: send `limit` ≤ 100). */
export const PAGE_SIZE = 100;

type EntityState = { running?: Promise<void>; error: string | null; lastStart: number };

export class MirrorRefresher {
  private readonly entities = new Map<string, EntityState>();

  constructor(
    private readonly db: Db,
    private readonly monite: MoniteClient,
    private readonly log: FastifyBaseLogger,
    /** At most one background refresh an entity this often while the dashboard is in use. */
    private readonly minIntervalMs: number,
  ) {}

  /** Starts a background refresh when the last one began long enough ago; never waits for it. */
  touch(entityId: string): void {
    const state = this.entities.get(entityId);
    if (state && (state.running || Date.now() - state.lastStart < this.minIntervalMs)) return;
    this.refresh(entityId).catch(() => {}); // the outcome is recorded in the state
  }

  /** Refreshes now; callers during a running refresh share it. */
  refresh(entityId: string): Promise<void> {
    const state = this.entities.get(entityId) ?? { error: null, lastStart: 0 };
    this.entities.set(entityId, state);
    state.running ??= this.run(entityId, state).finally(() => (state.running = undefined));
    return state.running;
  }

  async status(entityId: string): Promise<MirrorStatus> {
    const cursors = await this.db
      .selectFrom('mirror_cursor')
      .select(['object_type', 'refreshed_at'])
      .where('entity_id', '=', entityId)
      .execute();
    const done = cursors.map((c) => c.refreshed_at).filter((t): t is string => t !== null);
    const complete = done.length === OBJECT_TYPES.length;
    const state = this.entities.get(entityId);
    return {
      state:
        state?.error && !state.running ? 'error' : complete ? 'ready' : state?.running ? 'scanning' : 'empty',
      // The mirror is as fresh as its stalest object type.
      refreshed_at: complete ? done.toSorted()[0]! : null,
      error: state?.error ?? null,
    };
  }

  private async run(entityId: string, state: EntityState): Promise<void> {
    state.lastStart = Date.now();
    const started = performance.now();
    try {
      for (const objectType of OBJECT_TYPES) await this.refreshType(entityId, objectType);
      state.error = null;
      this.log.info({ entityId, ms: Math.round(performance.now() - started) }, 'mirror refreshed');
    } catch (error) {
      // Shown on the records page: Monite's failures in the words every route uses for them.
      state.error = toHttpError(error).message;
      this.log.warn({ entityId, err: error }, 'mirror refresh failed');
      throw error;
    }
  }

  private async refreshType(entityId: string, objectType: ObjectType): Promise<void> {
    const cursor = await this.db
      .selectFrom('mirror_cursor')
      .select('high_water')
      .where('entity_id', '=', entityId)
      .where('object_type', '=', objectType)
      .executeTakeFirst();
    let highWater = cursor?.high_water ?? null;
    let token: string | undefined;
    do {
      const { data: page } = await this.monite.listRecords(
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
      await upsertRecords(this.db, entityId, page.data);
      for (const r of page.data) {
        if (!highWater || normaliseTime(r.updated_at) > normaliseTime(highWater)) highWater = r.updated_at;
      }
      await this.saveCursor(entityId, objectType, { high_water: highWater });
      token = page.next_pagination_token ?? undefined;
    } while (token);
    await this.saveCursor(entityId, objectType, {
      high_water: highWater,
      refreshed_at: new Date().toISOString(),
    });
  }

  private async saveCursor(
    entityId: string,
    objectType: ObjectType,
    values: { high_water: string | null; refreshed_at?: string },
  ): Promise<void> {
    await this.db
      .insertInto('mirror_cursor')
      .values({ entity_id: entityId, object_type: objectType, refreshed_at: null, ...values })
      .onConflict((oc) => oc.columns(['entity_id', 'object_type']).doUpdateSet(values))
      .execute();
  }
}
