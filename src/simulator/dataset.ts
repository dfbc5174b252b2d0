/**
 * The seeded dataset: a pure function of (seed, entity specs, start time). Timestamps are relative
 * to the simulator's start so a demo always shows "the last 90 days"; everything else (ids,
 * statuses, providers, errors) is identical for the same seed.
 */
import type { ObjectType, Platform, Provider, SyncStatus } from '../monite/schemas';
import { pickMessage, providerError } from './provider-errors';
import { platformObjectId, providerObjectId } from './object-ids';
import { intBetween, rngFrom, uuid, weighted, type Rng } from './random';
import { iso, type Entry, type SimRecord } from './sim-record';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const OBJECT_TYPE_WEIGHTS: readonly (readonly [ObjectType, number])[] = [
  ['receivable', 30],
  ['bill', 25],
  ['payment_record', 15],
  ['customer', 12],
  ['vendor', 10],
  ['product', 8],
];

/** Every provider × platform pair, weighted so the rarest still shows up in a 600-record entity. */
const CONNECTION_WEIGHTS: readonly (readonly [readonly [Provider, Platform], number])[] = [
  [['codat', 'xero'], 22],
  [['codat', 'quickbooks_online'], 18],
  [['codat', 'quickbooks'], 6],
  [['codat', 'quickbooks_online_sandbox'], 4],
  [['railz', 'xero'], 18],
  [['railz', 'quickbooks_online'], 18],
  [['railz', 'quickbooks'], 8],
  [['railz', 'quickbooks_online_sandbox'], 6],
];

const STATUS_WEIGHTS: readonly (readonly [SyncStatus, number])[] = [
  ['error', 10],
  ['pending', 3],
  ['done', 87],
];

const between = (rng: Rng, from: number, to: number) => from + Math.floor(rng() * Math.max(0, to - from));

export function seedRecords(seed: number, entityId: string, count: number, start: number): Entry[] {
  const rng = rngFrom(seed, 'records', entityId);
  return Array.from({ length: count }, () => seedRecord(rng, entityId, start));
}

function seedRecord(rng: Rng, entityId: string, start: number): Entry {
  const objectType = weighted(rng, OBJECT_TYPE_WEIGHTS);
  const [provider, platform] = weighted(rng, CONNECTION_WEIGHTS);
  const status = weighted(rng, STATUS_WEIGHTS);
  const created = start - MINUTE - Math.floor(rng() * 90 * DAY);
  // A seeded pending record was pushed in the last ten minutes and settles shortly after start.
  const updated =
    status === 'pending'
      ? Math.max(created, start - intBetween(rng, 0, 10 * MINUTE))
      : between(rng, created, start);
  const settleAt = status === 'pending' ? start + intBetween(rng, 5_000, 5 * MINUTE) : null;
  // Failed creates never reached the platform, so they have no platform id yet.
  const onPlatform = status === 'done' || rng() < 0.5;
  // A push sets updated_at, so an in-flight one started exactly then; a finished one a little before.
  const pushedAt =
    status === 'pending' ? updated : between(rng, Math.max(created, updated - 20_000), updated);
  // The draws' order is the dataset: reordering them changes every seed's records.
  const id = uuid(rng);
  const lastPulled = between(rng, updated, Math.min(start, updated + DAY));
  const cause = status === 'error' ? { message: pickMessage(rng, platform, objectType) } : null;
  const context = { entityId, provider, platform, objectType, requestedAt: pushedAt, completedAt: updated };
  const record: SimRecord = {
    id,
    created_at: iso(created),
    updated_at: iso(updated),
    last_pulled_at: iso(lastPulled),
    object_type: objectType,
    sync_status: status,
    errors: cause ? providerError(rng, context, cause.message) : {},
    object_id: uuid(rng),
    object_updated_at: iso(between(rng, created, updated)),
    platform,
    provider,
    provider_object_id: providerObjectId(rng, provider),
    provider_updated_at: iso(updated),
  };
  if (onPlatform) {
    record.platform_object_id = platformObjectId(rng, platform);
    record.platform_updated_at = iso(between(rng, created, updated));
  }
  return { entityId, record, createdMs: created, updatedMs: updated, settleAt, pushedAt, pushes: 0, cause };
}

/** A record created now (tests use it to check that incremental scans pick up new rows). */
export function freshRecord(rng: Rng, entityId: string, now: number, init: Partial<SimRecord>): Entry {
  const [provider, platform] = weighted(rng, CONNECTION_WEIGHTS);
  const record: SimRecord = {
    id: uuid(rng),
    created_at: iso(now),
    updated_at: iso(now),
    last_pulled_at: iso(now),
    object_type: weighted(rng, OBJECT_TYPE_WEIGHTS),
    sync_status: 'done',
    errors: {},
    object_id: uuid(rng),
    object_updated_at: iso(now),
    platform,
    platform_object_id: platformObjectId(rng, platform),
    platform_updated_at: iso(now),
    provider,
    provider_object_id: providerObjectId(rng, provider),
    provider_updated_at: iso(now),
    ...init,
  };
  return {
    entityId,
    record,
    createdMs: Date.parse(record.created_at),
    updatedMs: Date.parse(record.updated_at),
    settleAt: null,
    pushedAt: now,
    pushes: 0,
    cause: null,
  };
}
