/** Synced records for the mirror's tests: a done Codat/Xero receivable updated `minute` into 2026 unless `over` says otherwise. */
import { randomUUID } from 'node:crypto';
import type { SyncRecord } from '../../monite/schemas';

export function syncRecord(over: Partial<SyncRecord> = {}, minute = 0): SyncRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return {
    id: randomUUID(),
    created_at: at,
    updated_at: at,
    last_pulled_at: at,
    object_type: 'receivable',
    sync_status: 'done',
    provider: 'codat',
    platform: 'xero',
    object_id: randomUUID(),
    errors: {},
    ...over,
  };
}
