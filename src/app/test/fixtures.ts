/** Small BFF payloads for tests, typed by the contract so they cannot drift from it. */
import type { EntitySummary, Facets, RecordsPage, SyncRecord } from '../../contract/api';
import type { AuditEntry } from '../../contract/audit';
import type { Role, StaffUser } from '../../contract/session';

export const ENTITY: EntitySummary = { id: '0b6e8a3c-1f2d-4c5e-9a7b-2c3d4e5f6a70', name: 'Acme Ltd' };
export const OTHER_ENTITY: EntitySummary = {
  id: '1c7f9b4d-2e3f-4d6a-8b8c-3d4e5f6a7b81',
  name: 'Globex GmbH',
};

let sequence = 0;

export function makeRecord(overrides: Partial<SyncRecord> = {}): SyncRecord {
  sequence += 1;
  const n = String(sequence).padStart(12, '0');
  return {
    id: `5d0f6a1e-7b2c-4d3e-8f4a-${n}`,
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2025-01-12T10:30:00Z',
    last_pulled_at: '2025-01-12T10:30:00Z',
    object_type: 'bill',
    object_id: `bill-${n}`,
    sync_status: 'error',
    errors: { provider: { message: `Contact is archived (${n})` } },
    provider: 'codat',
    platform: 'xero',
    ...overrides,
  };
}

const NO_FACETS: Facets = { sync_status: {}, provider: {}, platform: {}, object_type: {} };

export function makePage(data: SyncRecord[], overrides: Partial<RecordsPage> = {}): RecordsPage {
  return {
    data,
    next_cursor: null,
    total: data.length,
    facets: NO_FACETS,
    mirror: { state: 'ready', refreshed_at: new Date().toISOString(), error: null },
    ...overrides,
  };
}

/** A staff member of each role, as the BFF's session route describes them. */
export const staffUser = (role: Role): StaffUser => ({ email: `${role}@example.com`, role });

export const DEMO_ACCOUNTS = (['viewer', 'operator', 'admin'] as const).map((role) => ({
  ...staffUser(role),
  password: `demo-${role}-password`,
}));

let auditSequence = 0;

export function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  auditSequence += 1;
  const n = String(auditSequence).padStart(12, '0');
  return {
    id: `audit-${n}`,
    at: '2025-01-12T10:30:00Z',
    actor: 'operator@example.com',
    action: 'push',
    entity_id: ENTITY.id,
    record_id: `5d0f6a1e-7b2c-4d3e-8f4a-${n}`,
    object_type: 'bill',
    object_id: `bill-${n}`,
    provider: 'codat',
    platform: 'xero',
    status_before: 'error',
    status_after: 'pending',
    errors: null,
    monite_request_id: `req-${n}`,
    duration_ms: 840,
    outcome: 'ok',
    reason: null,
    job_id: null,
    settled_status: null,
    settled_at: null,
    settled_error: null,
    ...overrides,
  };
}
