import { fireEvent, render, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract/audit';
import { AuditRow } from './audit-row';
import { makeAuditEntry } from './make-audit-entry';

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

  it('opens its Monite request ID, duration and full reason below it, and folds them away again', () => {
    const reason = 'Push failed after 3 attempts: Monite answered 503. '.repeat(4).trim();
    const row = renderRow(makeAuditEntry({ outcome: 'failed', reason }));
    const toggle = within(row).getByRole('button', { name: 'Details' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(row.parentElement!).queryByText('req-000000000001')).not.toBeInTheDocument();

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(details).toBe(row.nextElementSibling);
    expect(within(details).getByText('req-000000000001')).toBeInTheDocument();
    expect(within(details).getByText('840 ms')).toBeInTheDocument();
    expect(within(details).getByText(reason)).toBeInTheDocument();

    fireEvent.click(toggle);
    expect(row.nextElementSibling).toBeNull();
  });
});
