import { render, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract/audit';
import { parseAuditSearch } from './audit-search';
import { AuditRow } from './audit-row';

const JOB_ID = '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

/** One push as the audit API lists it (typed by the contract), for rendering a row alone. */
function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'audit-000000000001',
    at: '2025-01-12T10:30:00Z',
    actor: 'operator@example.com',
    action: 'push',
    entity_id: '0b6e8a3c-1f2d-4c5e-9a7b-2c3d4e5f6a70',
    record_id: '5d0f6a1e-7b2c-4d3e-8f4a-000000000001',
    object_type: 'bill',
    object_id: 'bill-000000000001',
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
    settled_status: null,
    settled_at: null,
    settled_error: null,
    ...overrides,
  };
}

function renderRow(entry: AuditEntry) {
  const { container } = render(
    <MemoryRouter>
      <table>
        <tbody>
          <AuditRow entry={entry} />
        </tbody>
      </table>
    </MemoryRouter>,
  );
  return container.querySelector('tr')!;
}

describe('an audited push', () => {
  it('shows where the record ended: Pending → Failed with the provider message and when', () => {
    const row = renderRow(
      makeAuditEntry({
        settled_status: 'error',
        settled_at: new Date(Date.now() - 120_000).toISOString(),
        settled_error: 'Contact is archived',
      }),
    );
    const settled = within(row).getByLabelText('settled as').parentElement!;
    expect(within(settled).getByText('Failed')).toBeInTheDocument();
    expect(within(settled).getByText('2 min ago')).toBeInTheDocument();
    expect(within(row).getByText('Contact is archived')).toBeInTheDocument();
    expect(within(row).queryByText('waiting for Monite')).not.toBeInTheDocument();
  });

  it('shows → Done once the provider synced it', () => {
    const row = renderRow(makeAuditEntry({ settled_status: 'done', settled_at: new Date().toISOString() }));
    expect(
      within(within(row).getByLabelText('settled as').parentElement!).getByText('Done'),
    ).toBeInTheDocument();
  });

  it('says it is waiting for Monite while the record is pending, and nothing of the kind for a failed push', () => {
    const waiting = renderRow(makeAuditEntry({ status_after: 'pending', settled_status: null }));
    expect(within(waiting).getByText('waiting for Monite')).toBeInTheDocument();
    const failed = renderRow(makeAuditEntry({ outcome: 'failed', status_after: null }));
    expect(within(failed).queryByText('waiting for Monite')).not.toBeInTheDocument();
  });

  it("links a bulk job's push to the view of that whole job", () => {
    const row = renderRow(makeAuditEntry({ job_id: JOB_ID }));
    const href = within(row).getByRole('link', { name: 'View job' }).getAttribute('href')!;
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/audit');
    expect(parseAuditSearch(url.searchParams).job).toBe(JOB_ID);
  });
});
