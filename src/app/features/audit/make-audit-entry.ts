import type { AuditEntry } from '../../../contract/audit';

export const JOB_ID = '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

/** One push as the audit API lists it (typed by the contract), for rendering rows alone. */
export function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'audit-000000000001',
    at: '2025-01-12T10:30:00Z',
    actor: 'operator@example.com',
    action: 'push',
    entity_id: '0b6e8a3c-1f2d-4c5e-9a7b-2c3d4e5f6a70',
    record_id: '5d0f6a1e-7b2c-4d3e-8f4a-000000000001',
    object_type: 'bill',
    object_id: 'bill-000000000001',
    document: null,
    provider: 'codat',
    platform: 'xero',
    status_before: 'error',
    status_after: 'pending',
    errors: null,
    monite_request_id: 'req-000000000001',
    duration_ms: 840,
    outcome: 'ok',
    reason: null,
    job_id: null,
    mark_kind: null,
    subject: null,
    role: null,
    settled_status: null,
    settled_at: null,
    settled_error: null,
    ...overrides,
  };
}
