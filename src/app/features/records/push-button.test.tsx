import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ENTITY, makeRecord } from '../../test/fixtures';
import { mockBff } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

const recordsUrl = `/entities/${ENTITY.id}/records`;
// The record is polled once a second while pending.
const SETTLE = { timeout: 3000 };

const rowOf = async (objectId: string) => (await screen.findByText(objectId)).closest('tr')!;

describe('pushing a record', () => {
  it('shows pushing, then pending, then done, and a double click sends one push', async () => {
    const record = makeRecord({ object_id: 'bill-1' });
    const bff = mockBff([record]);
    bff.settle(record.id, { sync_status: 'done', errors: null });
    renderApp(recordsUrl);
    const row = await rowOf('bill-1');

    // Both clicks land before React re-renders the button as disabled, the worst case.
    const button = within(row).getByRole('button', { name: 'Push' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(await within(row).findByRole('button', { name: /Pushing…/ })).toBeDisabled();
    expect(await within(row).findByText('Pending')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeDisabled();

    expect(await screen.findByText('Pushed — now done', undefined, SETTLE)).toBeInTheDocument();
    expect(bff.pushes).toEqual([record.id]);
    // The list is refetched with the default Failed filter, so the synced record leaves it.
    expect(await screen.findByText('No failed records — everything synced.')).toBeInTheDocument();
  });

  it('shows the new error when the push fails again', async () => {
    const record = makeRecord({ object_id: 'bill-2' });
    const bff = mockBff([record]);
    bff.settle(record.id, { sync_status: 'error', errors: { provider: { message: 'Tax rate is missing' } } });
    const { user } = renderApp(recordsUrl);
    const row = await rowOf('bill-2');

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    expect(await within(row).findByText('Tax rate is missing', undefined, SETTLE)).toBeInTheDocument();
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('Push failed: Tax rate is missing')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
  });

  it('lets two rows push at the same time, independently', async () => {
    const first = makeRecord({ object_id: 'bill-a' });
    const second = makeRecord({ object_id: 'bill-b' });
    const bff = mockBff([first, second]);
    const releaseFirst = bff.hold(first.id);
    const { user } = renderApp(recordsUrl);
    const rowA = await rowOf('bill-a');
    const rowB = await rowOf('bill-b');

    await user.click(within(rowA).getByRole('button', { name: 'Push' }));
    expect(within(rowB).getByRole('button', { name: 'Push' })).toBeEnabled();
    await user.click(within(rowB).getByRole('button', { name: 'Push' }));

    expect(await within(rowB).findByText('Pending')).toBeInTheDocument();
    expect(within(rowA).getByRole('button', { name: /Pushing…/ })).toBeInTheDocument();
    releaseFirst();
    expect(await within(rowA).findByText('Pending')).toBeInTheDocument();
    expect(bff.pushes).toEqual([first.id, second.id]);
  });

  it('says how long to wait when Monite rate-limits the push', async () => {
    const record = makeRecord({ object_id: 'bill-3' });
    mockBff([record]);
    server.use(
      http.post('*/api/entities/:entityId/records/:recordId/push', () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'Too many requests' } },
          { status: 429, headers: { 'Retry-After': '3' } },
        ),
      ),
    );
    const { user } = renderApp(recordsUrl);
    const row = await rowOf('bill-3');

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    expect(await screen.findByText('Monite is rate-limiting us, retry in 3 s')).toBeInTheDocument();
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
  });
});
