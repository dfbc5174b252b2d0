/**
 * How an in-flight push ends: a pure function of (seed, record id, push number) and what stands in
 * the record's way, so the same seed gives the same results run after run.
 *
 * - A flaw in the data (a duplicate number, a missing tax rate, an inactive account…) fails every
 *   push with the same message until someone fixes it (RecordStore.fix): the platform sees the
 *   same document each time.
 * - A transient cause (a conflict, the platform's internal error) has usually passed by the next
 *   push: TRANSIENT_DONE_SHARE of them succeed, the others fail the same way again.
 * - With nothing in the way (a done, pending or fixed record), DONE_SHARE of pushes succeed and a
 *   failure is a fresh one, drawn from the platform's messages for the object type.
 */
import { pickMessage, providerError } from './provider-errors';
import { platformObjectId } from './object-ids';
import { rngFrom } from './random';
import { iso, type Cause, type Entry, type SimRecord } from './sim-record';

export type Outcome = 'done' | 'error';

/** About 70% of unhindered pushes succeed: enough failures to exercise retries without drowning the demo. */
const DONE_SHARE = 0.7;
/** Retrying a conflict or an internal error nearly always helps: that is what makes it worth retrying. */
export const TRANSIENT_DONE_SHARE = 0.9;

export type Settlement = { record: SimRecord; cause: Cause | null };
/** A test's choice of outcome, and for a failure, optionally the exact provider errors. */
export type ForcedOutcome = { outcome: Outcome; errors?: Record<string, unknown> };

/** `forced` overrides the draw (tests); a forced success clears the cause, as a fix would. */
export function settle(seed: number, entry: Entry, settleAt: number, forced?: ForcedOutcome): Settlement {
  const r = entry.record;
  const rng = rngFrom(seed, r.id, entry.pushes);
  const roll = rng();
  const standing = entry.cause;
  const doneShare = standing === null ? DONE_SHARE : standing.message.transient ? TRANSIENT_DONE_SHARE : 0;
  const at = iso(settleAt);
  if ((forced?.outcome ?? (roll < doneShare ? 'done' : 'error')) === 'done') {
    const record: SimRecord = {
      ...r,
      sync_status: 'done',
      errors: {},
      updated_at: at,
      provider_updated_at: at,
      platform_updated_at: at,
      platform_object_id: r.platform_object_id ?? platformObjectId(rng, r.platform),
    };
    return { record, cause: null };
  }
  const cause = standing ?? { message: pickMessage(rng, r.platform, r.object_type) };
  const errors =
    forced?.errors ??
    providerError(
      rng,
      {
        entityId: entry.entityId,
        provider: r.provider,
        platform: r.platform,
        objectType: r.object_type,
        requestedAt: entry.pushedAt,
        completedAt: settleAt,
      },
      cause.message,
    );
  return { record: { ...r, sync_status: 'error', errors, updated_at: at, provider_updated_at: at }, cause };
}
