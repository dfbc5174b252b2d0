import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ENTITY, makeAuditEntry } from '../../test/fixtures';
import { mockAudit, mockSession } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';
import { dayToIso } from './audit-search';

const RECORD_ID = '5d0f6a1e-7b2c-4d3e-8f4a-00000000abcd';

const table = async () => screen.findByRole('table');
const rowOf = async (text: string) => (await screen.findByText(text)).closest('tr')!;

describe('audit page', () => {
  it('lists who did what, newest first, with everything a person needs to follow it up', async () => {
    mockSession('admin');
    mockAudit([
      makeAuditEntry({
        actor: 'ann@example.com',
        record_id: RECORD_ID,
        object_id: 'bill-42',
        outcome: 'unknown',
        monite_request_id: 'req-unknown-1',
        duration_ms: 15_000,
        status_after: null,
        reason: 'Monite did not answer in time',
      }),
      makeAuditEntry({
        actor: 'bob@example.com',
        object_id: 'bill-43',
        outcome: 'failed',
        status_after: 'error',
        errors: { provider: { message: 'Tax rate is missing' } },
      }),
      makeAuditEntry({
        actor: 'bob@example.com',
        action: 'sign_in_failed',
        record_id: null,
        object_id: null,
        object_type: null,
        provider: null,
        platform: null,
        status_before: null,
        status_after: null,
        monite_request_id: null,
        duration_ms: null,
        outcome: 'failed',
        reason: 'Wrong password',
      }),
    ]);
    renderApp('/audit');

    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(3);
    const first = rows[0]!;
    expect(within(first).getByText('ann@example.com')).toBeInTheDocument();
    expect(within(first).getByText('Push')).toBeInTheDocument();
    expect(within(first).getByText('Outcome unknown')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'Bill bill-42' })).toHaveAttribute(
      'href',
      `/entities/${ENTITY.id}/records/${RECORD_ID}`,
    );
    expect(within(first).getByText('Codat')).toBeInTheDocument();
    expect(within(first).getByText('Xero')).toBeInTheDocument();
    expect(within(first).getByText('req-unknown-1')).toBeInTheDocument();
    expect(within(first).getByRole('button', { name: 'Copy Monite request ID' })).toBeInTheDocument();
    expect(within(first).getByText('15.0 s')).toBeInTheDocument();
    expect(within(first).getByText('Monite did not answer in time')).toBeInTheDocument();
    expect(within(first).getByText(/ago$/)).toBeInTheDocument();

    expect(within(rows[1]!).getByText('Tax rate is missing')).toBeInTheDocument();
    // Status before and after (Failed → Failed), and the outcome.
    expect(within(rows[1]!).getAllByText('Failed')).toHaveLength(3);
    expect(within(rows[2]!).getByText('Failed sign-in')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Wrong password')).toBeInTheDocument();
  });

  it('puts every filter in the URL and the request, and the CSV link carries them', async () => {
    mockSession('admin');
    const audit = mockAudit([makeAuditEntry({ object_id: 'bill-1', outcome: 'failed' })]);
    const { router, user } = renderApp('/audit');
    await rowOf('Bill bill-1');

    await user.selectOptions(screen.getByLabelText('Outcome'), 'Failed');
    await user.selectOptions(screen.getByLabelText('Action'), 'Push');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01-10' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-01-12' } });
    await user.type(screen.getByLabelText('Record ID'), RECORD_ID);
    await user.type(screen.getByLabelText('User'), 'ann@example.com');

    await waitFor(() =>
      expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
        outcome: 'failed',
        action: 'push',
        from: '2025-01-10',
        to: '2025-01-12',
        record: RECORD_ID,
        user: 'ann@example.com',
      }),
    );
    const expected = {
      user: 'ann@example.com',
      record: RECORD_ID,
      outcome: 'failed',
      action: 'push',
      from: dayToIso('2025-01-10'),
      to: dayToIso('2025-01-12', { endOfDay: true }),
    };
    await waitFor(() =>
      expect(Object.fromEntries(audit.requests.at(-1)!)).toEqual({ ...expected, limit: '50' }),
    );
    expect(await screen.findByText('No entries match these filters.')).toBeInTheDocument();

    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv).toHaveAttribute('download');
    const href = new URL(csv.getAttribute('href')!, window.location.origin);
    expect(href.pathname).toBe('/api/audit.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual(expected);
  });

  it('reads its filters from a shared link', async () => {
    mockSession('admin');
    const audit = mockAudit([makeAuditEntry({ object_id: 'bill-2', action: 'push', outcome: 'ok' })]);
    renderApp('/audit?action=push&outcome=ok');
    await rowOf('Bill bill-2');
    expect(screen.getByLabelText('Outcome')).toHaveValue('ok');
    expect(screen.getByLabelText('Action')).toHaveValue('push');
    expect(audit.requests[0]!.get('outcome')).toBe('ok');
  });

  it('says when a record ID is not one, without sending it', async () => {
    mockSession('admin');
    const audit = mockAudit([makeAuditEntry({ object_id: 'bill-3' })]);
    const { router, user } = renderApp('/audit');
    await rowOf('Bill bill-3');

    await user.type(screen.getByLabelText('Record ID'), 'bill-3');
    expect(screen.getByLabelText('Record ID')).toHaveAccessibleDescription(
      'Enter a whole record ID (a UUID).',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(router.state.location.search).toBe('');
    expect(audit.requests.every((params) => !params.has('record'))).toBe(true);
  });

  it('has no user filter for non-admins, who only see their own entries', async () => {
    mockSession('operator');
    const audit = mockAudit([makeAuditEntry({ object_id: 'bill-own' })]);
    renderApp('/audit?user=someone-else%40example.com');
    await rowOf('Bill bill-own');

    expect(screen.getByText('Your own actions')).toBeInTheDocument();
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(audit.requests[0]!.has('user')).toBe(false);
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/audit.csv');
  });

  it('loads older entries on demand', async () => {
    mockSession('admin');
    const entries = Array.from({ length: 3 }, (_, i) => makeAuditEntry({ object_id: `bill-page-${i}` }));
    const audit = mockAudit(entries, { pageSize: 2 });
    const { user } = renderApp('/audit');
    await rowOf('Bill bill-page-1');
    expect(screen.queryByText('Bill bill-page-2')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Bill bill-page-2')).toBeInTheDocument();
    expect(audit.requests.at(-1)!.get('cursor')).toBe('2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when nothing was audited yet', async () => {
    mockSession('admin');
    mockAudit([]);
    renderApp('/audit');
    expect(await screen.findByText('Nothing audited yet.')).toBeInTheDocument();
  });

  it('explains a failed load and retries it', async () => {
    mockSession('admin');
    let calls = 0;
    server.use(
      http.get('*/api/audit', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              { error: { code: 'internal', message: 'The database is unavailable' } },
              { status: 500 },
            )
          : HttpResponse.json({ data: [makeAuditEntry({ object_id: 'bill-retried' })], next_cursor: null });
      }),
    );
    const { user } = renderApp('/audit');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The database is unavailable');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Bill bill-retried')).toBeInTheDocument();
  });
});
