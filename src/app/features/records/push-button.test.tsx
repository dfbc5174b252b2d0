import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { summariseErrors } from '../../../monite/errors-text';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

// The record is polled once a second while pending.
const SETTLE = { timeout: 3000 };
// Pushes stay pending at Monite until a test settles them.
const HELD = { pushDelayMs: 60_000 };

const rowOf = async (objectId: string) => (await screen.findByText(objectId)).closest('tr')!;

describe('pushing a record', () => {
  it('shows pushing, then pending, then done, and a double click sends one push', async () => {
    const bff = await startBff({ ...HELD, records: [{ object_id: 'bill-1' }] });
    const [record] = bff.records;
    bff.sim.faults.forcePushOutcome(record!.id, 'done');
    const { release } = bff.holdPush(record!.id);
    renderApp(bff.recordsUrl);
    const row = await rowOf('bill-1');

    // Both clicks land before React re-renders the button as disabled, the worst case.
    const button = within(row).getByRole('button', { name: 'Push' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(await within(row).findByRole('button', { name: /Pushing…/ })).toBeDisabled();
    release();
    expect(await within(row).findByText('Pending')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeDisabled();

    bff.settlePushes();
    expect(await screen.findByText('Pushed — now done', undefined, SETTLE)).toBeInTheDocument();
    expect(bff.sim.store.pushCount(record!.id)).toBe(1);
    // The list is refetched with the default Failed filter, so the synced record leaves it.
    expect(await screen.findByText('No failed records — everything synced.')).toBeInTheDocument();
  });

  it('shows the new error when the push fails again', async () => {
    const bff = await startBff({ ...HELD, records: [{ object_id: 'bill-2' }] });
    const [record] = bff.records;
    bff.sim.faults.forcePushOutcome(record!.id, 'error');
    const { user } = renderApp(bff.recordsUrl);
    const row = await rowOf('bill-2');

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    expect(await within(row).findByText('Pending')).toBeInTheDocument();
    bff.settlePushes();
    // The provider's new reason, as Monite reports it.
    const reason = summariseErrors(bff.sim.store.record(bff.entityId, record!.id)!.errors)!;
    expect(reason).not.toBe('The Organisation is offline');
    expect(await within(row).findByText(reason, undefined, SETTLE)).toBeInTheDocument();
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText(`Push failed: ${reason}`)).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
  });

  it('lets two rows push at the same time, independently', async () => {
    const bff = await startBff({ ...HELD, records: [{ object_id: 'bill-a' }, { object_id: 'bill-b' }] });
    const [first, second] = bff.records;
    const { release: releaseFirst } = bff.holdPush(first!.id);
    const { user } = renderApp(bff.recordsUrl);
    const rowA = await rowOf('bill-a');
    const rowB = await rowOf('bill-b');

    await user.click(within(rowA).getByRole('button', { name: 'Push' }));
    expect(within(rowB).getByRole('button', { name: 'Push' })).toBeEnabled();
    await user.click(within(rowB).getByRole('button', { name: 'Push' }));

    expect(await within(rowB).findByText('Pending')).toBeInTheDocument();
    expect(within(rowA).getByRole('button', { name: /Pushing…/ })).toBeInTheDocument();
    releaseFirst();
    expect(await within(rowA).findByText('Pending')).toBeInTheDocument();
    expect([bff.sim.store.pushCount(first!.id), bff.sim.store.pushCount(second!.id)]).toEqual([1, 1]);
  });

  it('says how long to wait when Monite rate-limits the push', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-3' }] });
    // Every attempt the BFF makes is refused by Monite's gateway.
    bff.sim.faults.throttleNext(3, 1, '/push');
    const { user } = renderApp(bff.recordsUrl);
    const row = await rowOf('bill-3');

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    expect(
      await screen.findByText('Monite is rate-limiting us, retry in 1 s', undefined, SETTLE),
    ).toBeInTheDocument();
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
    expect(bff.sim.store.pushCount(bff.records[0]!.id)).toBe(0);
  });
});
