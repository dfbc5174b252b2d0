import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract/audit';
import { parseAuditSearch } from './audit-search';
import { AuditTable } from './audit-table';
import { JOB_ID, makeAuditEntry } from './make-audit-entry';

const push = (n: number, overrides: Partial<AuditEntry> = {}) =>
  makeAuditEntry({ id: `audit-${n}`, object_id: `bill-${n}`, job_id: JOB_ID, ...overrides });

/** Newest first, as the BFF sends them: a sign-in lands between the job's pushes. */
const entries = [
  makeAuditEntry({ id: 'audit-9', action: 'sign_out', record_id: null, object_id: null }),
  push(8, { settled_status: 'done', settled_at: '2025-01-12T10:31:00Z' }),
  push(7, { outcome: 'failed', status_after: null, reason: 'Monite is rate-limiting us' }),
  makeAuditEntry({ id: 'audit-6', action: 'sign_in', record_id: null, object_id: null }),
  push(5, { settled_status: 'error', settled_at: '2025-01-12T10:31:00Z', settled_error: 'Contact archived' }),
  push(4),
];

function renderTable(groupJobs?: boolean) {
  render(
    <MemoryRouter>
      <AuditTable entries={entries} groupJobs={groupJobs} />
    </MemoryRouter>,
  );
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[2]!.textContent);
}

describe("the audit table's bulk jobs", () => {
  it("folds a job's pushes into one line where its newest push stands, counting them and how they went", () => {
    expect(renderTable()).toEqual(['Sign-out', 'Bulk push', 'Sign-in']);
    const job = screen.getByRole('row', { name: /Bulk push/ });
    expect(job).toHaveTextContent('4 pushes');
    expect(job).toHaveTextContent('Monite: 3 OK, 1 Failed');
    // Monite accepted three; the provider has finished two of them, one is still pending.
    expect(job).toHaveTextContent('Provider: 1 done, 1 failed, 1 waiting');
    const href = within(job).getByRole('link', { name: 'View job' }).getAttribute('href')!;
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/audit');
    expect(parseAuditSearch(url.searchParams).job).toBe(JOB_ID);
  });

  it('opens the pushes under their line, newest first, and closes them again', () => {
    renderTable();
    const toggle = screen.getByRole('button', { name: `Bulk job ${JOB_ID.slice(0, 8)}` });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Bill bill-8')).not.toBeInTheDocument();

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const group = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(
      within(group)
        .getAllByRole('link', { name: /^Bill / })
        .map((link) => link.textContent),
    ).toEqual(['Bill bill-8', 'Bill bill-7', 'Bill bill-5', 'Bill bill-4']);
    expect(within(group).getByText('Contact archived')).toBeInTheDocument();

    fireEvent.click(toggle);
    expect(screen.queryByText('Bill bill-8')).not.toBeInTheDocument();
  });

  it('lists every push on its own when the page already shows one job', () => {
    expect(renderTable(false)).toEqual(['Sign-out', 'Push', 'Push', 'Sign-in', 'Push', 'Push']);
    expect(screen.queryByRole('button', { name: /Bulk job/ })).not.toBeInTheDocument();
  });
});
