/**
 * Runs one job: a few workers take its queued records in order and push each as a person's
 * click would (audited, through the in-flight guard) but at bulk priority, while a watcher moves
 * records Monite has settled; then it watches the rest settle, for a while, and ends the job.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ItemState } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import type { SyncRecord } from '../../../monite/schemas';
import { toHttpError } from '../../http-errors';
import { findRecord, markOf, type MirrorRefresher } from '../../mirror';
import type { SingleFlight } from '../../single-flight';
import { auditedPush, type PushDeps } from '../audited-push';
import { PushFailedError } from '../push-safely';
import { settleItems, itemStateOf } from './settle';
import { cancelQueued, finishJob, itemIds, jobRow, setItem, type ItemUpdate } from './store';

export type JobDeps = PushDeps & {
  refresher: MirrorRefresher;
  /** Pushes in flight, keyed `entityId/recordId`: shared with single pushes. */
  pushes: SingleFlight<SyncRecord>;
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

/** A job this process is running: cancel it, and see its pace (progress.ts). */
export type LiveJob = { cancelled: boolean; sent: number[]; done: Promise<void> };

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
  const worker = async () => {
    while (!live.cancelled && next < queue.length) await pushOne(deps, job, queue[next++]!, live);
  };
  // While pushes go out, now and then move records Monite has settled, so the counts stay live.
  const watcher = (async () => {
    for (;;) {
      await sleepUnless(options.settleWhilePushingMs, () => !sending.now);
      if (!sending.now) return;
      await settleItems(deps, log, jobId, entityId);
    }
  })();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  sending.now = false;
  await watcher;

  if (live.cancelled) await cancelQueued(db, jobId);
  const deadline = Date.now() + options.settleTimeoutMs;
  while ((await settleItems(deps, log, jobId, entityId)) > 0 && Date.now() < deadline) {
    await sleepUnless(options.settleAfterPushingMs, () => false);
  }
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
