/**
 * A synced record as the simulator stores and serves it. Optional fields are left out rather than
 * set to null so every response also satisfies the published JSON schema (which types them as
 * plain strings); `errors` is always an object (`{}` when there is nothing to report) for the
 * same reason.
 */
import type { ObjectType, Platform, Provider, SyncStatus } from '../monite/schemas';
import type { ProviderMessage } from './provider-messages';

export type SimRecord = {
  id: string;
  created_at: string;
  updated_at: string;
  last_pulled_at: string;
  object_type: ObjectType;
  sync_status: SyncStatus;
  errors: Record<string, unknown>;
  object_id: string;
  object_updated_at: string;
  platform: Platform;
  platform_object_id?: string;
  platform_updated_at?: string;
  provider: Provider;
  provider_object_id: string;
  provider_updated_at: string;
};

/** A stored record plus what the store needs to index and settle it. */
export type Entry = {
  entityId: string;
  record: SimRecord;
  createdMs: number;
  updatedMs: number;
  /** When a pending record settles to done/error; null when nothing is in flight. */
  settleAt: number | null;
  /** When the in-flight push started (the provider's `requestedOn`). */
  pushedAt: number;
  /** Pushes received through the API; the seeded in-flight attempt is push number 0. */
  pushes: number;
  /** Why the last push failed, while that still stands in the way of the next one (push-outcome.ts). */
  cause: Cause | null;
};

/**
 * One failure's cause: a flaw in the document (until someone fixes it) or a transient one. A new
 * object for each new cause, so a bookkeeper's fix scheduled for it cannot fix a later one.
 */
export type Cause = { message: ProviderMessage };

export const iso = (ms: number) => new Date(ms).toISOString();
