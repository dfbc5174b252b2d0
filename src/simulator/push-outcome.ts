/**
 * How an in-flight push ends: a pure function of (seed, record id, push number), so the same seed
 * gives the same results run after run, and pushing again can still fail differently.
 */
import { providerError } from './provider-errors';
import { platformObjectId } from './object-ids';
import { rngFrom } from './random';
import { iso, type Entry, type SimRecord } from './sim-record';

export type Outcome = 'done' | 'error';
/** A test's choice of how a push ends, and for a failure, optionally the provider's exact errors. */
export type ForcedOutcome = { outcome: Outcome; errors?: Record<string, unknown> };

/** About 70% of pushes succeed: enough failures to exercise retries without drowning the demo. */
const DONE_SHARE = 0.7;

export function settledRecord(
  seed: number,
  entry: Entry,
  settleAt: number,
  forced?: ForcedOutcome,
): SimRecord {
  const r = entry.record;
  const rng = rngFrom(seed, r.id, entry.pushes);
  const drawn: Outcome = rng() < DONE_SHARE ? 'done' : 'error';
  const at = iso(settleAt);
  if ((forced?.outcome ?? drawn) === 'done') {
    return {
      ...r,
      sync_status: 'done',
      errors: {},
      updated_at: at,
      provider_updated_at: at,
      platform_updated_at: at,
      platform_object_id: r.platform_object_id ?? platformObjectId(rng, r.platform),
    };
  }
  return {
    ...r,
    sync_status: 'error',
    errors:
      forced?.errors ??
      providerError(rng, {
        entityId: entry.entityId,
        provider: r.provider,
        platform: r.platform,
        objectType: r.object_type,
        requestedAt: entry.pushedAt,
        completedAt: settleAt,
      }),
    updated_at: at,
    provider_updated_at: at,
  };
}
