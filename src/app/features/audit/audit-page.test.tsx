import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';
import { documentDetails, recordName } from '../../lib/document-text';
import { dayToIso } from './audit-search';

const RECORD_ID = '5d0f6a1e-7b2c-4d3e-8f4a-00000000abcd';

const table = async () => screen.findByRole('table');
/** The row naming a record as the records list does (its link's name). */
const rowOf = async (name: string) => (await screen.findByRole('link', { name })).closest('tr')!;
const recordLink = (name: string) => screen.queryByRole('link', { name });
/** The query of each audit request the page sent. */
const auditQueries = (requests: Request[]) =>
  requests
    .map((r) => new URL(r.url))
    .filter((u) => u.pathname === '/api/audit')
    .map((u) => u.searchParams);

describe('audit page', () => {
  it('lists who did what, newest first, with everything a person needs to follow it up', async () => {
    const bff = await startBff({
      session: 'admin',
      records: [
        { object_id: 'bill-42', provider: 'codat', platform: 'xero' },
        { object_id: 'bill-43', provider: 'railz', platform: 'quickbooks_online' },
      ],
    });
    const [inFlight, failing] = bff.records;
    await bff.failSignIn('viewer@example.com');
    const operator = await bff.as('operator');
    // Monite fails every attempt at this push.
    bff.sim.faults.failNext(3, 503, '/push');
    expect((await bff.push(operator, failing!.id)).statusCode).toBe(502);
    // …and this one has not been answered yet.
    const held = bff.holdPush(inFlight!.id);
    const pushing = bff.push(operator, inFlight!.id);
    await held.reached;
    renderApp('/audit');

    const rows = within(await table())
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]!.textContent)).toEqual([
      'Push',
      'Push',
      'Sign-in',
      'Failed sign-in',
      'Sign-in',
    ]);
    const first = rows[0]!;
    expect(within(first).getByText('operator@example.com')).toBeInTheDocument();
    expect(within(first).getByText('Outcome unknown')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'Bill bill-42' })).toHaveAttribute(
      'href',
      `/entities/${bff.entityId}/records/${inFlight!.id}`,
    );
    expect(within(first).getByText('Codat')).toBeInTheDocument();
    expect(within(first).getByText('Xero')).toBeInTheDocument();
    expect(within(first).getByText('No answer from Monite has been recorded yet.')).toBeInTheDocument();
    expect(within(first).getByText('just now')).toBeInTheDocument();

    const second = rows[1]!;
    expect(within(second).getByRole('link', { name: 'Bill bill-43' })).toBeInTheDocument();
    expect(within(second).getByText('Railz')).toBeInTheDocument();
    expect(within(second).getByText('QuickBooks Online')).toBeInTheDocument();
    // Status before, and the outcome.
    expect(within(second).getAllByText('Failed')).toHaveLength(2);
    expect(within(second).getByText(/^Push failed after 3 attempts/)).toBeInTheDocument();
    // Timings and identifiers open below the row, so the table fits a laptop's width.
    expect(within(second).queryByText(/^\d+ ms$/)).not.toBeInTheDocument();
    fireEvent.click(within(second).getByRole('button', { name: 'Details' }));
    const details = second.nextElementSibling as HTMLElement;
    expect(within(details).getByText(/^\d+ ms$/)).toBeInTheDocument();
    expect(within(details).getByRole('button', { name: 'Copy Monite request ID' })).toBeInTheDocument();

    expect(within(rows[3]!).getByText('viewer@example.com')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('wrong email or password')).toBeInTheDocument();
    held.release();
    await pushing;
  });

  it('names a pushed record by its document, as the records list does', async () => {
    const bff = await startBff({
      session: 'admin',
      documents: true,
      records: [{ object_type: 'receivable' }],
    });
    const record = (await bff.listed())[0]!;
    await bff.push(await bff.as('admin'), record.id);
    renderApp('/audit');
    const name = recordName(record);
    expect(name).not.toContain(record.object_id);
    const row = await rowOf(name);
    expect(within(row).getByRole('link', { name })).toHaveAttribute('title', record.object_id);
    expect(within(row).getByText(documentDetails(record.document!).join(' · '))).toBeInTheDocument();
  });

  it('puts every filter in the URL and the request, and the CSV link carries them', async () => {
    const bff = await startBff({ session: 'admin', records: [{ object_id: 'bill-1' }] });
    await bff.push(await bff.as('admin'), bff.records[0]!.id);
    const requests = recordRequests();
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
      expect(Object.fromEntries(auditQueries(requests).at(-1)!)).toEqual({ ...expected, limit: '50' }),
    );
    expect(await screen.findByText('No entries match these filters.')).toBeInTheDocument();

    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv).toHaveAttribute('download');
    const href = new URL(csv.getAttribute('href')!, window.location.origin);
    expect(href.pathname).toBe('/api/audit.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual(expected);
  });

  it('reads its filters from a shared link', async () => {
    const bff = await startBff({ session: 'admin', records: [{ object_id: 'bill-2' }] });
    await bff.push(await bff.as('admin'), bff.records[0]!.id);
    const requests = recordRequests();
    renderApp('/audit?action=push&outcome=ok');
    await rowOf('Bill bill-2');
    expect(screen.getByLabelText('Outcome')).toHaveValue('ok');
    expect(screen.getByLabelText('Action')).toHaveValue('push');
    expect(auditQueries(requests)[0]!.get('outcome')).toBe('ok');
    // Only pushes: the sign-ins are filtered out.
    expect(within(await table()).getAllByRole('row')).toHaveLength(2);
  });

  it('says when a record ID is not one, without sending it', async () => {
    const bff = await startBff({ session: 'admin', records: [{ object_id: 'bill-3' }] });
    await bff.push(await bff.as('admin'), bff.records[0]!.id);
    const requests = recordRequests();
    const { router, user } = renderApp('/audit');
    await rowOf('Bill bill-3');

    await user.type(screen.getByLabelText('Record ID'), 'bill-3');
    expect(screen.getByLabelText('Record ID')).toHaveAccessibleDescription(
      'Enter a whole record ID (a UUID).',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(router.state.location.search).toBe('');
    expect(auditQueries(requests).every((params) => !params.has('record'))).toBe(true);
  });

  it('has no user filter for non-admins, who only see their own entries', async () => {
    const bff = await startBff({
      session: 'operator',
      records: [{ object_id: 'bill-own' }, { object_id: 'bill-other' }],
    });
    await bff.push(await bff.as('operator'), bff.records[0]!.id);
    await bff.push(await bff.as('admin'), bff.records[1]!.id);
    const requests = recordRequests();
    renderApp('/audit?user=admin%40example.com');
    await rowOf('Bill bill-own');

    expect(screen.getByText('Your own actions')).toBeInTheDocument();
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(auditQueries(requests)[0]!.has('user')).toBe(false);
    expect(recordLink('Bill bill-other')).not.toBeInTheDocument();
    expect(screen.queryByText('admin@example.com')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/audit.csv');
  });

  it('loads older entries on demand', async () => {
    // A page holds 50 entries: 51 pushes and the admin's sign-in make two pages.
    const bff = await startBff({
      session: 'admin',
      records: Array.from({ length: 51 }, (_, i) => ({ object_id: `bill-page-${i}` })),
    });
    const admin = await bff.as('admin');
    for (const record of bff.records) await bff.push(admin, record.id);
    const requests = recordRequests();
    const { user } = renderApp('/audit');
    await rowOf('Bill bill-page-50');
    // Newest first: the first push and the sign-ins are on the next page.
    expect(recordLink('Bill bill-page-0')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await rowOf('Bill bill-page-0')).toBeInTheDocument();
    expect(auditQueries(requests).at(-1)!.get('cursor')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('explains a failed load and retries it', async () => {
    const bff = await startBff({ session: 'admin' });
    const restore = await bff.breakTable('audit_entry');
    const { user } = renderApp('/audit');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong in Sync Desk; the error was logged.');

    await restore();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await within(await table()).findByText('Sign-in')).toBeInTheDocument();
  });
});
