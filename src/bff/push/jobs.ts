/**
 * Bulk push jobs. A job and the state of each of its records live in the database, so progress
 * survives a reload and a restart: on start, records caught mid-push are re-read and pushed again
 * only if Monite shows the push did not take. Pushes go through the shared rate limiter at bulk
 * priority (a person's click goes first) and through the same in-flight guard as single pushes.
 * After Monite accepts a push the record is `pending`; the job watches the mirror until it settles.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import {
  ITEM_STATES,
  MAX_JOB_RECORDS,
  type ItemState,
  type PushJob,
  type createPushJobSchema,
} from '../../contract/push-jobs';
import { summariseErrors } from '../../monite/errors-text';
import type { SyncRecord } from '../../monite/schemas';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { HttpError, toHttpError } from '../http-errors';
import { matchingIds } from '../mirror/queries';
import { forgetIfGone } from '../mirror/fresh-record';
import { findRecord } from '../mirror/store';
import { auditedPush } from './audited-push';
import { PushFailedError, tookEffect } from './push-safely';
import type { z } from 'zod';

export type JobOptions = {
  /** Pushes in flight at once; the rate limiter, not this, sets the pace. */
  concurrency: number;
  /** How often to look for settled records while pushes are still being sent (costs ~6 requests). */
  settleWhilePushingMs: number;
  /** …and once everything is sent. */
  settleAfterPushingMs: number;
  /** Give up watching records still pending this long after the last push. */
  settleTimeoutMs: number;
};

export const DEFAULT_JOB_OPTIONS: JobOptions = {
  concurrency: 8,
  settleWhilePushingMs: 15_000,
  settleAfterPushingMs: 2_000,
  settleTimeoutMs: 10 * 60_000,
};

/** Finished jobs stay on the records page this long, so everyone sees how they ended. */
const RECENT_MS = 10 * 60_000;
const RATE_WINDOW_MS = 10_000;
const ACTIVE_STATES = ['running', 'cancelling'];
const ALREADY_PENDING = 'Already pending at Monite; not pushed again.';

type Live = { cancelled: boolean; sent: number[]; done: Promise<void> };

export class PushJobs {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly deps: Omit<Deps, 'jobs'>,
    private readonly log: FastifyBaseLogger,
    private readonly options: JobOptions = DEFAULT_JOB_OPTIONS,
  ) {}

  async create(
    entityId: string,
    user: SessionUser,
    input: z.infer<typeof createPushJobSchema>,
  ): Promise<PushJob> {
    const { db } = this.deps;
    const running = await db
      .selectFrom('push_job')
      .select(['id', 'created_by'])
      .where('entity_id', '=', entityId)
      .where('state', 'in', ACTIVE_STATES)
      .executeTakeFirst();
    if (running) {
      throw new HttpError(
        409,
        'job_running',
        `${running.created_by} is already pushing records of this entity; wait for that job to finish or cancel it.`,
        { job_id: running.id },
      );
    }
    const ids =
      'ids' in input
        ? [...new Set(input.ids)]
        : await matchingIds(db, entityId, input.filter, MAX_JOB_RECORDS + 1);
    if (ids.length === 0) throw new HttpError(400, 'bad_request', 'No records match these filters.');
    if (ids.length > MAX_JOB_RECORDS) {
      throw new HttpError(
        400,
        'bad_request',
        `More than ${MAX_JOB_RECORDS.toLocaleString('en')} records match; narrow the filters.`,
      );
    }

    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('push_job')
        .values({
          id,
          entity_id: entityId,
          created_by: user.email,
          created_at: new Date().toISOString(),
          finished_at: null,
          state: 'running',
          total: ids.length,
        })
        .execute();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = ids.slice(i, i + 500).map((record_id, k) => ({
          job_id: id,
          record_id,
          position: i + k,
          state: 'queued',
          reason: null,
          before_status: null,
          before_updated_at: null,
        }));
        await trx.insertInto('push_job_item').values(rows).execute();
      }
    });
    this.log.info({ jobId: id, entityId, records: ids.length, by: user.email }, 'push job created');
    this.start(id, entityId);
    return this.get(entityId, id);
  }

  /** Running jobs and those that ended in the last few minutes, newest first. */
  async list(entityId: string): Promise<PushJob[]> {
    const since = new Date(Date.now() - RECENT_MS).toISOString();
    const rows = await this.deps.db
      .selectFrom('push_job')
      .select('id')
      .where('entity_id', '=', entityId)
      .where((eb) => eb.or([eb('state', 'in', ACTIVE_STATES), eb('finished_at', '>=', since)]))
      .orderBy('created_at', 'desc')
      .execute();
    return Promise.all(rows.map((r) => this.get(entityId, r.id)));
  }

  async get(entityId: string, jobId: string): Promise<PushJob> {
    const { db } = this.deps;
    const job = await db
      .selectFrom('push_job')
      .selectAll()
      .where('id', '=', jobId)
      .where('entity_id', '=', entityId)
      .executeTakeFirst();
    if (!job) throw new HttpError(404, 'not_found', 'No such push job for this entity.');
    const grouped = await db
      .selectFrom('push_job_item')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('job_id', '=', jobId)
      .groupBy('state')
      .execute();
    const counts = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
    for (const g of grouped) counts[g.state as ItemState] = g.n;
    const problems = await db
      .selectFrom('push_job_item')
      .select(['record_id', 'state', 'reason'])
      .where('job_id', '=', jobId)
      .where('state', 'in', ['failed', 'skipped'])
      .orderBy('position')
      .limit(MAX_JOB_RECORDS)
      .execute();

    const live = this.live.get(jobId);
    const now = Date.now();
    const recent = live?.sent.filter((t) => now - t < RATE_WINDOW_MS) ?? [];
    const elapsed = recent.length > 0 ? Math.max(1000, now - recent[0]!) : RATE_WINDOW_MS;
    const rate = recent.length / (elapsed / 1000);
    const waiting = counts.queued + counts.pushing;
    return {
      id: job.id,
      entity_id: job.entity_id,
      created_by: job.created_by,
      created_at: job.created_at,
      finished_at: job.finished_at,
      state: job.state as PushJob['state'],
      total: job.total,
      counts,
      rate_per_second: Math.round(rate * 10) / 10,
      eta_seconds: waiting > 0 && rate > 0 ? Math.ceil(waiting / rate) : null,
      problems: problems.map((p) => ({
        record_id: p.record_id,
        state: p.state as 'failed' | 'skipped',
        reason: p.reason ?? 'No reason given.',
      })),
    };
  }

  /** Queued records are not sent; pushes already sent finish and are still watched. */
  async cancel(entityId: string, jobId: string): Promise<PushJob> {
    await this.get(entityId, jobId);
    const live = this.live.get(jobId);
    if (live) live.cancelled = true;
    await this.deps.db
      .updateTable('push_job')
      .set({ state: 'cancelling' })
      .where('id', '=', jobId)
      .where('state', '=', 'running')
      .execute();
    return this.get(entityId, jobId);
  }

  /** After a restart: settle records caught mid-push, then carry on with every unfinished job. */
  async resume(): Promise<number> {
    const jobs = await this.deps.db
      .selectFrom('push_job')
      .select(['id', 'entity_id'])
      .where('state', 'in', ACTIVE_STATES)
      .execute();
    for (const job of jobs) {
      await this.reconcileInterrupted(job.id, job.entity_id);
      this.start(job.id, job.entity_id);
    }
    return jobs.length;
  }

  /** Resolves when every job this process runs has ended (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.live.values()].map((l) => l.done));
  }

  private start(jobId: string, entityId: string): void {
    const live: Live = { cancelled: false, sent: [], done: Promise.resolve() };
    live.done = this.run(jobId, entityId, live)
      .catch((error: unknown) => this.log.error({ jobId, err: error }, 'push job stopped by an error'))
      .finally(() => this.live.delete(jobId));
    this.live.set(jobId, live);
  }

  private async run(jobId: string, entityId: string, live: Live): Promise<void> {
    const { db, refresher } = this.deps;
    const job = await db.selectFrom('push_job').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    live.cancelled = job.state === 'cancelling';
    // A fresh mirror first, so "already pending" is Monite's current word.
    await refresher.refresh(entityId).catch(() => {});
    const queue = (
      await db
        .selectFrom('push_job_item')
        .select('record_id')
        .where('job_id', '=', jobId)
        .where('state', '=', 'queued')
        .orderBy('position')
        .execute()
    ).map((r) => r.record_id);

    let next = 0;
    const sending = { now: true };
    const worker = async () => {
      while (!live.cancelled && next < queue.length) await this.pushOne(job, queue[next++]!, live);
    };
    // While pushes go out, now and then move records Monite has settled, so the counts stay live.
    const watcher = (async () => {
      for (;;) {
        await sleepUnless(this.options.settleWhilePushingMs, () => !sending.now);
        if (!sending.now) return;
        await this.settle(jobId, entityId);
      }
    })();
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    sending.now = false;
    await watcher;

    if (live.cancelled) {
      await db
        .updateTable('push_job_item')
        .set({ state: 'cancelled' })
        .where('job_id', '=', jobId)
        .where('state', '=', 'queued')
        .execute();
    }
    const deadline = Date.now() + this.options.settleTimeoutMs;
    while ((await this.settle(jobId, entityId)) > 0 && Date.now() < deadline) {
      await sleepUnless(this.options.settleAfterPushingMs, () => false);
    }
    const state = live.cancelled ? 'cancelled' : 'finished';
    await db
      .updateTable('push_job')
      .set({ state, finished_at: new Date().toISOString() })
      .where('id', '=', jobId)
      .execute();
    this.log.info({ jobId, entityId, state }, 'push job ended');
  }

  private async pushOne(
    job: { id: string; entity_id: string; created_by: string },
    recordId: string,
    live: Live,
  ) {
    const { db, pushes } = this.deps;
    const key = `${job.entity_id}/${recordId}`;
    const setItem = (
      state: ItemState,
      extra: {
        reason?: string | null;
        before_status?: string | null;
        before_updated_at?: string | null;
      } = {},
    ) =>
      db
        .updateTable('push_job_item')
        .set({ state, ...extra })
        .where('job_id', '=', job.id)
        .where('record_id', '=', recordId)
        .execute();

    if (pushes.has(key))
      return setItem('skipped', { reason: 'Someone else was pushing this record at the same moment.' });
    const before = await findRecord(db, job.entity_id, recordId);
    if (before?.sync_status === 'pending') return setItem('skipped', { reason: ALREADY_PENDING });

    await setItem('pushing', {
      before_status: before?.sync_status ?? null,
      before_updated_at: before?.updated_at ?? null,
    });
    try {
      const record = await pushes.run(key, () =>
        auditedPush(this.deps, {
          actor: job.created_by,
          entityId: job.entity_id,
          recordId,
          before,
          priority: 'bulk',
          jobId: job.id,
        }),
      );
      live.sent.push(Date.now());
      await setItem(...itemStateOf(record));
    } catch (error) {
      live.sent.push(Date.now());
      if (error instanceof PushFailedError && error.code === 'already_pending') {
        return setItem('skipped', { reason: ALREADY_PENDING });
      }
      await setItem('failed', { reason: toHttpError(error).message });
    }
  }

  /** Moves `pending` records that Monite has settled to done/failed; returns how many still wait. */
  private async settle(jobId: string, entityId: string): Promise<number> {
    const { db, refresher } = this.deps;
    const pending = () =>
      db
        .selectFrom('push_job_item')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('job_id', '=', jobId)
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
    if ((await pending()).n === 0) return 0;
    await refresher
      .refresh(entityId)
      .catch((error: unknown) => this.log.warn({ jobId, err: error }, 'settle refresh failed'));
    await sql`
      update push_job_item
      set state = case m.sync_status when 'done' then 'done' else 'failed' end,
          reason = case m.sync_status when 'error' then coalesce(m.first_error, 'The provider reported an error.') end
      from mirror_record m
      where push_job_item.job_id = ${jobId} and push_job_item.state = 'pending'
        and m.entity_id = ${entityId} and m.id = push_job_item.record_id and m.sync_status in ('done', 'error')
    `.execute(db);
    return (await pending()).n;
  }

  /** Records a crash left in `pushing`: took (per Monite) → its state now; did not → queued again. */
  private async reconcileInterrupted(jobId: string, entityId: string): Promise<void> {
    const { db, monite } = this.deps;
    const caught = await db
      .selectFrom('push_job_item')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('state', '=', 'pushing')
      .execute();
    for (const item of caught) {
      const update = (state: ItemState, reason: string | null = null) =>
        db
          .updateTable('push_job_item')
          .set({ state, reason })
          .where('job_id', '=', jobId)
          .where('record_id', '=', item.record_id)
          .execute();
      try {
        const { data: now } = await monite.getRecord(entityId, item.record_id, { priority: 'bulk' });
        const before =
          item.before_updated_at && item.before_status
            ? { sync_status: item.before_status, updated_at: item.before_updated_at }
            : undefined;
        if (before && !tookEffect(before, now)) await update('queued');
        else {
          const [state, { reason }] = itemStateOf(now);
          await update(state, reason);
        }
      } catch (error) {
        await forgetIfGone(db, entityId, item.record_id, error);
        await update(
          'failed',
          `Sync Desk stopped during this push and could not check it afterwards: ${toHttpError(error).message}`,
        );
      }
    }
  }
}

function itemStateOf(record: SyncRecord): [ItemState, { reason: string | null }] {
  if (record.sync_status === 'done') return ['done', { reason: null }];
  if (record.sync_status === 'error')
    return ['failed', { reason: summariseErrors(record.errors) ?? 'The provider reported an error.' }];
  return ['pending', { reason: null }];
}

/** Sleeps `ms`, waking early when `stop()` turns true (checked every 100 ms). */
async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stop())
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
}
