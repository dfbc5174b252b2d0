/**
 * Runs one job: a few workers take its queued records in order and push each as a person's
 * click would (audited, through the in-flight guard) but at bulk priority, while a watcher moves
 * records Monite has settled; then it watches the rest settle, for a while, and ends the job.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ItemState } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import type { Lease, Leases } from '../../db/leases';
import { toHttpError } from '../../http-errors';
import { findRecord, markOf, type MirrorRefresher } from '../../mirror';
import { auditedPush, type PushDeps } from '../audited-push';
import { PushInFlightElsewhere, type PushesInFlight } from '../in-flight';
import { PushFailedError } from '../push-safely';
import { settleItems, itemStateOf } from './settle';
import { cancelQueued, finishJob, itemIds, jobRow, setItem, type ItemUpdate } from './store';

export type JobDeps = PushDeps & {
  refresher: MirrorRefresher;
  /** Pushes in flight, keyed `entityId/recordId`: shared with single pushes. */
  pushes: PushesInFlight;
  /** Which process runs which job. */
  leases: Leases;
};

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

/**
 * A job this process is running: cancel it, and see its pace (progress.ts). It runs while this
 * process holds the job's lease; if the lease is lost (this process stalled past it and another
 * took the job over), it stops sending and leaves the job to the other.
 */
export type LiveJob = { cancelled: boolean; sent: number[]; lease: Lease; done: Promise<void> };

type Job = { id: string; entity_id: string; created_by: string };

export async function runJob(
  deps: JobDeps,
  log: FastifyBaseLogger,
  options: JobOptions,
  jobId: string,
  live: LiveJob,
): Promise<void> {
  const { db, refresher } = deps;
  const job = await jobRow(db, jobId);
  const entityId = job.entity_id;
  live.cancelled = job.state === 'cancelling';
  // A fresh mirror first, so "already pending" is Monite's current word.
  await refresher.refresh(entityId).catch(() => {});
  const queue = await itemIds(db, jobId, 'queued');

  let next = 0;
  const sending = { now: true };
  const stopped = () => live.cancelled || live.lease.lost();
  const worker = async () => {
    while (!stopped() && next < queue.length) await pushOne(deps, job, queue[next++]!, live);
  };
  // While pushes go out, now and then move records Monite has settled, so the counts stay live,
  // and see whether someone cancelled the job through another server process.
  const watcher = (async () => {
    for (;;) {
      await sleepUnless(options.settleWhilePushingMs, () => !sending.now);
      if (!sending.now) return;
      await settleItems(deps, log, jobId, entityId);
      if ((await jobRow(db, jobId)).state === 'cancelling') live.cancelled = true;
    }
  })();
  watcher.catch(() => {}); // its failure is thrown where it is awaited, below
  // Every worker ends before the job does, even when one fails: no push of it is left in flight.
  const workers = await Promise.allSettled(Array.from({ length: options.concurrency }, worker));
  sending.now = false;
  await watcher;
  for (const w of workers) if (w.status === 'rejected') throw w.reason;
  if (live.lease.lost()) {
    log.warn({ jobId, entityId }, 'push job left to another server, which took over its lapsed lease');
    return;
  }

  if (live.cancelled) await cancelQueued(db, jobId);
  const deadline = Date.now() + options.settleTimeoutMs;
  while (!live.lease.lost() && (await settleItems(deps, log, jobId, entityId)) > 0 && Date.now() < deadline) {
    await sleepUnless(options.settleAfterPushingMs, () => false);
  }
  if (live.lease.lost()) return;
  const state = live.cancelled ? 'cancelled' : 'finished';
  await finishJob(db, jobId, state);
  log.info({ jobId, entityId, state }, 'push job ended');
}

async function pushOne(deps: JobDeps, job: Job, recordId: string, live: LiveJob): Promise<void> {
  const { db, pushes } = deps;
  const key = `${job.entity_id}/${recordId}`;
  const set = async (state: ItemState, update?: ItemUpdate) => {
    await setItem(db, job.id, recordId, state, update);
  };

  if (pushes.has(key)) return set('skipped', { reason: PUSH_MESSAGES.skippedInFlight });
  const before = await findRecord(db, job.entity_id, recordId);
  if (before?.sync_status === 'pending') return set('skipped', { reason: PUSH_MESSAGES.skippedPending });
  const mark = await markOf(db, job.entity_id, recordId);
  if (mark?.kind === 'do_not_send') return set('skipped', { reason: PUSH_MESSAGES.doNotSend(mark.by) });

  await set('pushing', {
    before_status: before?.sync_status ?? null,
    before_updated_at: before?.updated_at ?? null,
  });
  try {
    const record = await pushes.run(key, () =>
      auditedPush(deps, {
        actor: job.created_by,
        entityId: job.entity_id,
        recordId,
        before,
        priority: 'bulk',
        jobId: job.id,
      }),
    );
    live.sent.push(Date.now());
    await set(...itemStateOf(record));
  } catch (error) {
    if (error instanceof PushInFlightElsewhere)
      return set('skipped', { reason: PUSH_MESSAGES.skippedInFlight });
    live.sent.push(Date.now());
    if (error instanceof PushFailedError && error.code === 'already_pending') {
      return set('skipped', { reason: PUSH_MESSAGES.skippedPending });
    }
    await set('failed', { reason: toHttpError(error).message });
  }
}

/** Sleeps `ms`, waking early when `stop()` turns true (checked every 100 ms). */
async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stop())
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
}
