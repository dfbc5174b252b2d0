/**
 * Pushing a record with retries that cannot push it twice. Monite's push has no idempotency key
 * (API.md §5, §8), so whether a failed push may be sent again depends on what the failure says:
 *
 * - Monite certainly did not act: a 429 (the gateway refused it; the client's shared limiter
 *   waits out Retry-After for everyone), or a connection that never opened (refused, host not
 *   found). → Send again.
 * - Monite may have acted: a 5xx (the gateway may have passed the request on before failing, or
 *   the answer was lost), a timeout, a dropped connection, a 200 we could not read. → The outcome
 *   is unknown: wait a moment, read the record again, and push again only if the record shows the
 *   earlier push did not take (the rule is `tookEffect` below).
 * - Monite refused it (any other 4xx): pushing again would get the same answer. → Fail.
 *
 * At most `maxAttempts` push requests are sent; then `PushFailedError` says why the last one failed.
 *
 * The one case no client can rule out without an idempotency key: a push that timed out while
 * still queued on Monite's side and lands after the re-read. The wait before re-reading
 * (`retryDelayMs`) narrows that window; it cannot close it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PUSH_MESSAGES } from '../../contract/push-messages';
import type { SyncRecord } from '../../monite/schemas';
import { backoff } from '../backoff';
import { UpstreamError, type MoniteClient, type Priority } from '../monite-client';

/** What the caller last saw of the record on Monite (e.g. its mirror row). */
export type RecordVersion = Pick<SyncRecord, 'sync_status' | 'updated_at'>;

export type PushSafelyOptions = {
  /** Default 'interactive'; bulk jobs pass 'bulk'. */
  priority?: Priority;
  /** Push requests sent at most, the first one included. Default 3. */
  maxAttempts?: number;
  /**
   * The record as Monite last showed it: the baseline that tells whether a push of unknown outcome
   * took. Absent (or `pending`), the record is read fresh from Monite first (one more request).
   */
  before?: RecordVersion;
  /** Wait before a retry or a re-read, doubled after each failure (±20 % jitter). Default 1000 ms. */
  retryDelayMs?: number;
  /** A 429 asking for a longer wait than this is not waited out: the push fails. Default 60 s. */
  maxRetryAfterSeconds?: number;
};

export type PushSafelyResult = {
  /** Monite's answer to the push, or, when that answer was lost, the record as re-read. */
  record: SyncRecord;
  /** The push request's id (Monite's x-request-id); the re-read's if the push's is unknown. */
  requestId: string | undefined;
  /** Push requests sent. */
  attempts: number;
};

export type PushFailureCode =
  /** Monite still has the record pending: a push is in flight; pushing again could duplicate it. */
  | 'already_pending'
  /** Monite refused the push (4xx other than 401/429); retrying would not help. */
  | 'rejected'
  /** Still rate-limited after every attempt, or asked to wait longer than allowed. */
  | 'rate_limited'
  /** 5xx, timeout or unreachable on every attempt, and the record shows none of them took. */
  | 'unavailable'
  /** The push may or may not have taken, and the record could not be read to find out. */
  | 'outcome_unknown';

export class PushFailedError extends Error {
  constructor(
    /** Why, in words a finance user can read beside the record. */
    message: string,
    readonly code: PushFailureCode,
    /** Push requests sent. */
    readonly attempts: number,
    /** The last upstream failure, if any: map it with toHttpError for an HTTP answer. */
    readonly upstream?: UpstreamError,
  ) {
    super(message);
    this.name = 'PushFailedError';
  }

  get requestId(): string | undefined {
    return this.upstream?.requestId;
  }
}

export async function pushSafely(
  monite: MoniteClient,
  entityId: string,
  recordId: string,
  options: PushSafelyOptions = {},
): Promise<PushSafelyResult> {
  const {
    priority = 'interactive',
    maxAttempts = 3,
    retryDelayMs = 1000,
    maxRetryAfterSeconds = 60,
  } = options;
  let failures = 0;

  /** The record as Monite has it now (the client retries reads that fail for a while). */
  const read = async (why: string, sent: number): Promise<{ record: SyncRecord; requestId?: string }> => {
    try {
      const { data, requestId } = await monite.getRecord(entityId, recordId, { priority });
      return { record: data, requestId };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      throw new PushFailedError(
        `${why}, and the record could not be read to check: ${reasonOf(error)}.`,
        sent === 0 ? codeOf(error) : 'outcome_unknown',
        sent,
        error,
      );
    }
  };

  let baseline = options.before;
  if (!baseline || baseline.sync_status === 'pending') {
    baseline = (await read('Could not start the push', 0)).record;
  }
  if (baseline.sync_status === 'pending') {
    throw new PushFailedError(PUSH_MESSAGES.alreadyPending, 'already_pending', 0);
  }

  let last: UpstreamError | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const { data, requestId } = await monite.pushRecord(entityId, recordId, { priority });
      return { record: data, requestId, attempts: attempt };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      last = error;
      failures += 1;
      if (error.status === 429) {
        if ((error.retryAfter ?? 0) > maxRetryAfterSeconds) {
          throw new PushFailedError(`${reasonOf(error)}.`, 'rate_limited', attempt, error);
        }
        // Monite did not act. The limiter holds every request until Retry-After has passed.
        continue;
      }
      if (error.status !== undefined && error.status < 500) {
        throw new PushFailedError(`${reasonOf(error)}.`, 'rejected', attempt, error);
      }
      if (error.neverSent) {
        if (attempt < maxAttempts) await sleep(backoff(retryDelayMs, failures));
        continue;
      }
      // Unknown outcome. Give a push that is still on its way a moment to land, then look.
      await sleep(backoff(retryDelayMs, failures));
      const { record, requestId } = await read(`The push got no clear answer (${reasonOf(error)})`, attempt);
      if (tookEffect(baseline, record)) {
        return { record, requestId: error.requestId ?? requestId, attempts: attempt };
      }
      // Still the failed record we started from: that push did nothing; the next one may.
    }
  }
  const reason = reasonOf(last);
  throw new PushFailedError(
    `Push failed after ${maxAttempts} ${maxAttempts === 1 ? 'attempt' : 'attempts'}: ${reason}.`,
    codeOf(last),
    maxAttempts,
    last,
  );
}

/**
 * Whether a push of unknown outcome took, from the record re-read afterwards (`after`) and the
 * record as Monite showed it before the push (`before`, never pending here).
 *
 * Monite (and the simulator, which models it: record-store.ts `push`) answers a push by setting
 * the record to `pending` with `updated_at` = now, and later settles it to `done` or `error`,
 * again with `updated_at` = the settle time. So a push that took always leaves the record either
 * `pending` or with an `updated_at` different from (later than) the one before. The rule compares
 * Monite's own timestamps with each other, never with the BFF's clock, which may disagree:
 * - `pending` → a push is in flight (ours or someone else's): it took; another would duplicate it.
 * - `updated_at` differs from before → the record changed since: our push took and already
 *   settled (done, or error again), or something else changed it. Either way it is not the record
 *   we decided to push: return it rather than push blind.
 * - not pending and the same `updated_at` → untouched: the push did not take; pushing again
 *   cannot make two.
 * Timestamps are compared to the millisecond (the mirror keeps milliseconds; Monite may send
 * microseconds): a push that lands in the same millisecond as the record's previous change is not
 * a case that happens. Unreadable timestamps count as changed: when in doubt this errs towards
 * "took", since a missed retry shows up as the record's state, and a duplicate push cannot be undone.
 */
export function tookEffect(before: RecordVersion, after: RecordVersion): boolean {
  if (after.sync_status === 'pending') return true;
  const [was, is] = [Date.parse(before.updated_at), Date.parse(after.updated_at)];
  return Number.isNaN(was) || Number.isNaN(is) || was !== is;
}

function reasonOf(error: UpstreamError | undefined): string {
  if (!error) return 'no answer from Monite';
  const ref = error.requestId ? ` (Monite request ${error.requestId})` : '';
  if (error.status === 429) return `Monite is rate-limiting us (retry in ${error.retryAfter ?? 1} s)${ref}`;
  if (error.kind === 'http') return `Monite answered ${error.status ?? 'an error'}: ${error.message}${ref}`;
  return `${error.message}${ref}`;
}

/** For a failure known not to have taken (a refused read, or pushes checked one by one). */
function codeOf(error: UpstreamError | undefined): PushFailureCode {
  if (error?.status === 429) return 'rate_limited';
  if (error?.status !== undefined && error.status < 500) return 'rejected';
  return 'unavailable';
}
