/**
 * Bulk push jobs. A job and the state of each of its records live in the database (store.ts),
 * so progress survives a reload and a restart: on start, records caught mid-push are re-read and
 * pushed again only if Monite shows the push did not take (recovery.ts). The server process
 * running a job holds its lease (db/leases.ts) and renews it; another process on the database
 * that finds the lease lapsed (its holder died) resumes the job the same way, at start and on a
 * periodic check (`resumeLapsed`). Pushes go through the
 * shared rate limiter at bulk priority (a person's click goes first) and through the same
 * in-flight guard as single pushes (runner.ts). After Monite accepts a push the record is
 * `pending`; the job watches the mirror until it settles (settle.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import {
  MAX_JOB_RECORDS,
  type JobRunningDetails,
  type PushJob,
  type createPushJobSchema,
} from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import { closeUnfinishedPushes } from '../../audit';
import type { SessionUser } from '../../auth';
import type { Lease } from '../../db/leases';
import { HttpError } from '../../http-errors';
import { matchingIds } from '../../mirror';
import { progress } from './progress';
import { reconcileInterrupted } from './recovery';
import { DEFAULT_JOB_OPTIONS, runJob, type JobDeps, type JobOptions, type LiveJob } from './runner';
import { activeJobs, insertJob, markCancelling, readJob, recentJobIds } from './store';

export { DEFAULT_JOB_OPTIONS, type JobDeps, type JobOptions } from './runner';

/** Finished jobs stay on the records page this long, so everyone sees how they ended. */
const RECENT_MS = 10 * 60_000;

export class PushJobs {
  private readonly live = new Map<string, LiveJob>();

  constructor(
    private readonly deps: JobDeps,
    private readonly log: FastifyBaseLogger,
    private readonly options: JobOptions = DEFAULT_JOB_OPTIONS,
  ) {}

  async create(
    entityId: string,
    user: Omit<SessionUser, 'grants'>,
    input: z.infer<typeof createPushJobSchema>,
  ): Promise<PushJob> {
    const { db } = this.deps;
    const ids =
      'ids' in input
        ? [...new Set(input.ids)]
        : await matchingIds(db, entityId, input.filter, MAX_JOB_RECORDS + 1);
    if (ids.length === 0) throw new HttpError(400, 'bad_request', PUSH_MESSAGES.noneMatch);
    if (ids.length > MAX_JOB_RECORDS) {
      throw new HttpError(400, 'bad_request', PUSH_MESSAGES.tooManyMatch(MAX_JOB_RECORDS));
    }

    const id = randomUUID();
    const running = await insertJob(db, { id, entityId, createdBy: user.email, recordIds: ids });
    if (running) {
      const details: JobRunningDetails = { job_id: running.id };
      throw new HttpError(409, 'job_running', PUSH_MESSAGES.jobRunning(running.created_by), details);
    }
    this.log.info({ jobId: id, entityId, records: ids.length, by: user.email }, 'push job created');
    // Free unless a periodic check (`resumeLapsed`, here or in another process) took it first: it runs there.
    const lease = await this.deps.leases.claim(jobLease(id));
    if (lease) this.start(id, lease);
    return this.get(entityId, id);
  }

  /** Running jobs and those that ended in the last few minutes, newest first. */
  async list(entityId: string): Promise<PushJob[]> {
    const since = new Date(Date.now() - RECENT_MS).toISOString();
    const ids = await recentJobIds(this.deps.db, entityId, since);
    return Promise.all(ids.map((id) => this.get(entityId, id)));
  }

  async get(entityId: string, jobId: string): Promise<PushJob> {
    const job = await readJob(this.deps.db, entityId, jobId);
    if (!job) throw new HttpError(404, 'not_found', PUSH_MESSAGES.noSuchJob);
    const waiting = job.counts.queued + job.counts.pushing;
    return { ...job, ...progress(this.live.get(jobId)?.sent ?? [], waiting) };
  }

  /** Queued records are not sent; pushes already sent finish and are still watched. */
  async cancel(entityId: string, jobId: string): Promise<PushJob> {
    await this.get(entityId, jobId);
    const live = this.live.get(jobId);
    if (live) live.cancelled = true;
    await markCancelling(this.deps.db, jobId);
    return this.get(entityId, jobId);
  }

  /**
   * Takes over every unfinished job no process holds (after a restart, or when the process running
   * it died): settles its records caught mid-push, then carries on with it. Returns how many.
   */
  async resume(): Promise<number> {
    let resumed = 0;
    for (const job of await activeJobs(this.deps.db)) {
      if (this.live.has(job.id)) continue;
      const lease = await this.deps.leases.claim(jobLease(job.id));
      if (!lease) continue;
      resumed += 1;
      this.start(job.id, lease, () => reconcileInterrupted(this.deps, job.id, job.entity_id));
    }
    return resumed;
  }

  /**
   * Every `intervalMs`, for a server that died: closes its pushes as "outcome unknown" once their
   * leases lapse, then resumes its jobs (`resume`). Returns a stop function.
   */
  resumeLapsed(intervalMs: number): () => void {
    // Pushes before `from` have results: each look reads only the log's newer part.
    let from = 0;
    const timer = setInterval(() => {
      closeUnfinishedPushes(this.deps.db, { from })
        .then(({ closed, next }) => {
          from = next;
          if (closed > 0)
            this.log.warn({ pushes: closed }, 'pushes of a stopped server have no recorded outcome');
          return this.resume();
        })
        .then(
          (n) => n > 0 && this.log.info({ jobs: n }, 'resumed push jobs another server left'),
          (error: unknown) => this.log.error({ err: error }, 'looking for push jobs to resume failed'),
        );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Resolves when every job this process runs has ended (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.live.values()].map((l) => l.done));
  }

  private start(jobId: string, lease: Lease, recover: () => Promise<void> = async () => {}): void {
    const live: LiveJob = { cancelled: false, sent: [], lease, done: Promise.resolve() };
    live.done = recover()
      .then(() => runJob(this.deps, this.log, this.options, jobId, live))
      .catch((error: unknown) => this.log.error({ jobId, err: error }, 'push job stopped by an error'))
      .finally(async () => {
        this.live.delete(jobId);
        await lease.release();
      });
    this.live.set(jobId, live);
  }
}

const jobLease = (jobId: string) => `job:${jobId}`;
