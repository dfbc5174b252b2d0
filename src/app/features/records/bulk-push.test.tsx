import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff, type RecordInit } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';

// Jobs are polled once a second while one runs.
const NEXT_POLL = { timeout: 3000 };
// Pushed records stay pending at Monite (and a job keeps running) until a test settles them.
const HELD = { pushDelayMs: 60_000 };

const named = (...objectIds: string[]): RecordInit[] => objectIds.map((object_id) => ({ object_id }));
const failing = (object_id: string, message: string): RecordInit => ({
  object_id,
  errors: { provider: { message } },
});
const STALE = 'Stale Object Error : the record changed';
const DUPLICATE = 'Duplicate Document Number Error : number in use';
const ODD = 'Something nobody has seen before';
const checkbox = (objectId: string) => screen.getByRole('checkbox', { name: `Select Bill ${objectId}` });
const bulkBar = () => screen.getByRole('region', { name: 'Bulk actions' });
const panel = () => screen.getByRole('region', { name: 'Bulk push' });
/** A count in the job panel: "Pushed" → "2". */
const stat = (label: string) => within(panel()).getByText(label).nextElementSibling?.textContent;
const jobPosts = (requests: Request[]) =>
  requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/push-jobs'));

type User = ReturnType<typeof renderApp>['user'];

async function openConfirm(user: User, count: string) {
  await user.click(within(bulkBar()).getByRole('button', { name: `Push selected (${count})` }));
  return screen.findByRole('dialog');
}

async function confirmPush(user: User, count: string) {
  const dialog = await openConfirm(user, count);
  await user.click(within(dialog).getByRole('button', { name: /^Push \d/ }));
}

describe('selecting records', () => {
  it('ticks rows one by one, and shift-click ticks exactly the range, without opening the drawer', async () => {
    const bff = await startBff({ records: named('r1', 'r2', 'r3', 'r4', 'r5') });
    const { user, router } = renderApp(bff.recordsUrl);
    await screen.findByText('r1');

    await user.click(checkbox('r2'));
    expect(within(bulkBar()).getByText('1 selected')).toBeInTheDocument();
    await user.keyboard('{Shift>}');
    await user.click(checkbox('r4'));
    await user.keyboard('{/Shift}');

    expect(['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => (checkbox(id) as HTMLInputElement).checked)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(within(bulkBar()).getByRole('button', { name: 'Push selected (3)' })).toBeEnabled();
    expect(router.state.location.pathname).toBe(bff.recordsUrl);

    // The keyboard works too: Space on a focused checkbox.
    checkbox('r5').focus();
    await user.keyboard(' ');
    expect(within(bulkBar()).getByText('4 selected')).toBeInTheDocument();
  });

  it('ticks every loaded row from the header, which shows a partial selection', async () => {
    const bff = await startBff({ records: named('h1', 'h2', 'h3') });
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('h1');
    const header = screen.getByRole('checkbox', { name: 'Select all loaded records' }) as HTMLInputElement;

    await user.click(checkbox('h2'));
    expect(header.indeterminate).toBe(true);
    await user.click(header);
    expect(header).toBeChecked();
    expect(header.indeterminate).toBe(false);
    expect(within(bulkBar()).getByText('3 selected')).toBeInTheDocument();
    // Every record matching is loaded: nothing more to offer.
    expect(screen.queryByRole('button', { name: /Select all .* matching/ })).not.toBeInTheDocument();

    await user.click(header);
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
  });

  it('keeps the selection across filter changes, says how many are not shown, and lists them on demand', async () => {
    const bff = await startBff({
      records: [
        { object_id: 'f1', provider: 'codat' },
        { object_id: 'f2', provider: 'railz' },
      ],
    });
    const requests = recordRequests();
    const { user, router } = renderApp(bff.recordsUrl);
    await screen.findByText('f1');
    await user.click(checkbox('f2'));

    await router.navigate(`${bff.recordsUrl}?provider=codat`);
    await waitFor(() => expect(screen.queryByText('f2')).not.toBeInTheDocument());
    expect(bulkBar()).toHaveTextContent('1 selected');
    expect(screen.getByText(/1 selected not shown/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show selected' }));
    expect(await screen.findByText('f2')).toBeInTheDocument();
    expect(screen.queryByText('f1')).not.toBeInTheDocument();
    expect(checkbox('f2')).toBeChecked();
    expect(screen.getByText(/Showing only the 1 selected records/)).toBeInTheDocument();
    const listed = requests.map((r) => new URL(r.url)).filter((u) => u.pathname.endsWith('/records'));
    expect(listed.at(-1)!.searchParams.get('ids')).toBe(bff.records.find((r) => r.object_id === 'f2')!.id);

    await user.click(screen.getByRole('button', { name: 'Back to the filtered list' }));
    expect(await screen.findByText('f1')).toBeInTheDocument();
    expect(screen.getByText(/1 selected not shown/)).toBeInTheDocument();
  });

  it('gives viewers no checkboxes, no bulk bar and no job panel', async () => {
    const bff = await startBff({ session: 'viewer', records: named('v1') });
    const requests = recordRequests();
    renderApp(bff.recordsUrl);
    await screen.findByText('v1');

    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('/push-jobs'))).toBe(false);
  });
});

describe('starting a bulk push', () => {
  it('confirms how many and of which statuses; Esc cancels without a request', async () => {
    const bff = await startBff({
      records: [{ object_id: 'c1' }, { object_id: 'c2' }, { object_id: 'c3', sync_status: 'done' }],
    });
    const requests = recordRequests();
    const { user } = renderApp(`${bff.recordsUrl}?sync_status=`);
    await screen.findByText('c1');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));

    const open = within(bulkBar()).getByRole('button', { name: 'Push selected (3)' });
    await user.click(open);
    // The done record is left out unless included on purpose.
    const dialog = await screen.findByRole('dialog', { name: 'Push 2 records?' });
    expect(dialog).toHaveAccessibleDescription('2 failed. Records already pending at Monite are skipped.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(dialog).toHaveTextContent(/1 record already synced \(done\)/);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also push 1 done record' }));
    expect(dialog).toHaveAccessibleName('Push 3 records?');
    expect(dialog).toHaveAccessibleDescription(
      '2 failed · 1 done. Records already pending at Monite are skipped.',
    );

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
    expect(jobPosts(requests)).toHaveLength(0);
    // Still selected, ready for another go.
    expect(within(bulkBar()).getByText('3 selected')).toBeInTheDocument();
  });

  it('sends the selected ids', async () => {
    const bff = await startBff({ ...HELD, records: named('s1', 's2', 's3') });
    const [a, b, c] = bff.records;
    const requests = recordRequests();
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('s1');
    await user.click(checkbox('s1'));
    await user.click(checkbox('s2'));

    await confirmPush(user, '2');
    expect(await screen.findByText('Pushing 2 records')).toBeInTheDocument();
    expect(await jobPosts(requests)[0]!.json()).toEqual({ ids: [a!.id, b!.id] });
    // The pushed records are in the job now, no longer selected.
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
    await waitFor(() => expect(stat('Pushed')).toBe('2'), NEXT_POLL);
    expect([a, b, c].map((r) => bff.sim.store.pushCount(r!.id))).toEqual([1, 1, 0]);
  });

  it('offers every record matching the filters, and then sends the filters, not ids', async () => {
    // More than the 50 a page loads: 50 failed and 5 done, all Railz, all found by "acme".
    const bff = await startBff({
      ...HELD,
      records: Array.from({ length: 55 }, (_, i) => ({
        object_id: `acme-${i}`,
        provider: 'railz' as const,
        ...(i >= 50 && { sync_status: 'done' as const }),
      })),
    });
    const requests = recordRequests();
    const { user } = renderApp(`${bff.recordsUrl}?sync_status=error,done&provider=railz`);
    await screen.findByText('acme-0');

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));
    expect(screen.getByText(/All 50 loaded records are selected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Select all 55 records matching these filters' }));
    expect(screen.getByText(/All 55 matching records are selected/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear selection' })).toBeInTheDocument();

    // The 5 done records are left out: the filter sent names the other statuses only.
    const dialog = await openConfirm(user, '55');
    expect(dialog).toHaveAccessibleName('Push 50 records?');
    expect(dialog).toHaveAccessibleDescription('50 failed. Records already pending at Monite are skipped.');
    expect(within(dialog).getByRole('checkbox', { name: 'Also push 5 done records' })).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Push 50 records' }));
    expect(await screen.findByText('Pushing 50 records')).toBeInTheDocument();
    expect(await jobPosts(requests)[0]!.json()).toEqual({
      filter: {
        sync_status: ['error'],
        provider: ['railz'],
        platform: [],
        object_type: [],
        error_group: [],
      },
    });
  });

  it('pushes only the selected failures a retry may help, leaving the ones to fix first', async () => {
    const bff = await startBff({
      ...HELD,
      records: [failing('m-stale', STALE), failing('m-dup', DUPLICATE), failing('m-odd', ODD)],
    });
    const [stale, dup, odd] = bff.records;
    const requests = recordRequests();
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('m-stale');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));

    const dialog = await openConfirm(user, '3');
    // Pushing all three still waits for "I fixed these causes"; this one does not.
    expect(within(dialog).getByRole('button', { name: 'Push 3 records' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Push only the 1 where a retry may help' }));
    expect(await screen.findByText('Pushing 1 record')).toBeInTheDocument();
    expect(await jobPosts(requests)[0]!.json()).toEqual({ ids: [stale!.id] });
    await waitFor(() => expect(stat('Pushed')).toBe('1'), NEXT_POLL);
    expect([stale, dup, odd].map((r) => bff.sim.store.pushCount(r!.id))).toEqual([1, 0, 0]);
  });

  it('pushes only the failures a retry may help of all records matching, by their groups', async () => {
    // More than a page: "all matching" sends a filter, which names the retry-may-help groups.
    const bff = await startBff({
      ...HELD,
      records: Array.from({ length: 55 }, (_, i) => failing(`g-${i}`, i % 5 === 0 ? DUPLICATE : STALE)),
    });
    const requests = recordRequests();
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('g-0');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));
    await user.click(screen.getByRole('button', { name: 'Select all 55 records matching these filters' }));

    const dialog = await openConfirm(user, '55');
    await user.click(within(dialog).getByRole('button', { name: 'Push only the 44 where a retry may help' }));
    expect(await screen.findByText('Pushing 44 records')).toBeInTheDocument();
    expect(await jobPosts(requests)[0]!.json()).toEqual({
      filter: {
        sync_status: ['error'],
        provider: [],
        platform: [],
        object_type: [],
        error_group: ['qbo.stale_object'],
      },
    });
    await waitFor(() => expect(stat('Pushed')).toBe('44'), { timeout: 10_000 });
    const pushed = bff.records.filter((r) => bff.sim.store.pushCount(r.id) > 0);
    expect(pushed.map((r) => r.object_id)).toEqual(
      bff.records.filter((_, i) => i % 5 !== 0).map((r) => r.object_id),
    );
  });

  it('follows the job already running instead of failing (409), calmly, keeping the selection', async () => {
    const bff = await startBff({ ...HELD, records: named('busy', 'idle') });
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('busy');
    // Someone else starts one after this page last looked.
    await bff.startJob(await bff.as('admin'), { ids: [bff.records[0]!.id] });

    await user.click(checkbox('idle'));
    await confirmPush(user, '1');
    const note = await screen.findByText('A push of this entity is already running — following it.');
    expect(panel()).toContainElement(note);
    expect(within(panel()).getByText('Pushing 1 record')).toBeInTheDocument();
    expect(within(panel()).getByText(/Started by admin@example.com/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Not an error: no alert, no toast blaming the person.
    expect(screen.queryByText(/is already pushing records/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // What they selected is still there for after that job.
    expect(within(bulkBar()).getByText('1 selected')).toBeInTheDocument();
    expect(checkbox('idle')).toBeChecked();
  });
});

describe('the job panel', () => {
  it('follows the job: counts, rate and time left, then a summary; only failures a retry may help stay selected', async () => {
    const bff = await startBff({ ...HELD, records: named('j1', 'j2', 'j3') });
    const [j1, j2, j3] = bff.records;
    bff.sim.faults.forcePushOutcome(j1!.id, 'done');
    bff.sim.faults.forcePushOutcome(j2!.id, 'error', { provider: { message: 'Stale Object Error : j2' } });
    bff.sim.faults.forcePushOutcome(j3!.id, 'error', {
      provider: { message: 'Duplicate Document Number Error : j3' },
    });
    // The job sends one record at a time: j2's push is held at Monite's door, so j3 waits.
    const held = bff.holdPush(j2!.id);
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('j1');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));
    await confirmPush(user, '3');

    expect(await screen.findByText('Pushing 3 records')).toBeInTheDocument();
    expect(within(panel()).getByText(/Started by you/)).toBeInTheDocument();
    await held.reached;
    await waitFor(() => expect([stat('Pushed'), stat('Waiting')]).toEqual(['1', '1']), NEXT_POLL);
    expect(within(panel()).getByText(/^\d+\.\d records\/s · about \d+ s left$/)).toBeInTheDocument();
    // j1 sent; j2 being sent.
    expect(within(panel()).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');

    held.release();
    await waitFor(() => expect([stat('Pushed'), stat('Waiting')]).toEqual(['3', '0']), NEXT_POLL);
    expect(within(panel()).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3');

    // The provider settles them: j1 done; j2 failed again on a stale object (a retry may help),
    // j3 on a duplicate number (it fails again until someone fixes the number).
    bff.settlePushes();
    expect(
      await within(panel()).findByText('Done: 3 pushed — 1 done, 2 failed, 0 skipped', undefined, NEXT_POLL),
    ).toBeInTheDocument();
    expect(await screen.findByText('Push finished: 1 done, 2 failed, 0 skipped')).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 failure a retry may help: selected, ready for another try. 1 failure to fix first: see Problems for what to fix.',
      ),
    ).toBeInTheDocument();
    // Only j2 is selected for another try, and its row shows the new error; j1 leaves the Failed list.
    expect(within(bulkBar()).getByText('1 selected')).toBeInTheDocument();
    expect(await screen.findByText('Stale Object Error : j2', { selector: 'td span' })).toBeInTheDocument();
    expect(checkbox('j2')).toBeChecked();
    expect(checkbox('j3')).not.toBeChecked();
    await waitFor(() => expect(screen.queryByText('j1')).not.toBeInTheDocument());
    expect(within(bulkBar()).getByRole('button', { name: 'Push selected (1)' })).toBeEnabled();

    // Both are listed by name with their reason and class; each opens the drawer.
    await user.click(within(panel()).getByText('Problems: 2 failed'));
    expect(within(panel()).getByText(/^1 failed for a cause to fix first/)).toBeInTheDocument();
    const fixFirst = within(panel()).getByRole('link', { name: 'Bill j3' });
    expect(fixFirst.closest('li')).toHaveTextContent('Fix first');
    // What to fix, and where, without opening the record.
    expect(fixFirst.closest('li')).toHaveTextContent(/To fix: .*QuickBooks/);
    const problem = within(panel()).getByRole('link', { name: 'Bill j2' });
    expect(problem.closest('li')).toHaveTextContent('Retry may helpFailed: Stale Object Error : j2');
    await user.click(problem);
    expect(await screen.findByRole('dialog', { name: /Bill j2/ })).toBeInTheDocument();

    await user.click(within(panel()).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Bulk push' })).not.toBeInTheDocument();
  });

  it("shows a job someone else started, found on load, and stops this page's own pushes meanwhile", async () => {
    const bff = await startBff({ ...HELD, records: named('o1', 'o2') });
    const started = await bff.startJob(await bff.as('admin'), { ids: bff.records.map((r) => r.id) });
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000).toISOString();
    await bff.deps.db
      .updateTable('push_job')
      .set({ created_at: twoMinutesAgo })
      .where('id', '=', started.json<{ id: string }>().id)
      .execute();
    // Every status: the records stay listed once pending.
    const { user } = renderApp(`${bff.recordsUrl}?sync_status=`);

    expect(await screen.findByText('Pushing 2 records')).toBeInTheDocument();
    expect(within(panel()).getByText(/Started by/)).toHaveTextContent(
      'Started by admin@example.com 2 min ago',
    );
    await waitFor(() => expect(stat('Pushed')).toBe('2'), NEXT_POLL);
    await user.click(checkbox('o1'));
    expect(within(bulkBar()).getByRole('button', { name: 'Push selected (1)' })).toBeDisabled();
  });

  it('cancels: sends DELETE, says Cancelling… until the job stops', async () => {
    const bff = await startBff({ ...HELD, records: named('x1', 'x2', 'x3') });
    const [x1] = bff.records;
    bff.sim.faults.forcePushOutcome(x1!.id, 'done');
    // x1's push is held at Monite's door; x2 and x3 wait behind it.
    const held = bff.holdPush(x1!.id);
    const started = await bff.startJob(await bff.as('operator'), { ids: bff.records.map((r) => r.id) });
    await held.reached;
    const requests = recordRequests();
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('Pushing 3 records');

    await user.click(within(panel()).getByRole('button', { name: 'Cancel' }));
    expect(await within(panel()).findByRole('button', { name: 'Cancelling…' })).toBeDisabled();
    const deletes = requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname);
    expect(deletes).toEqual([`/api/entities/${bff.entityId}/push-jobs/${started.json<{ id: string }>().id}`]);

    // x1 goes out and settles; x2 and x3 are never sent.
    held.release();
    await waitFor(() => expect(bff.sim.store.pushCount(x1!.id)).toBe(1));
    bff.settlePushes();
    expect(
      await within(panel()).findByText(
        'Cancelled: 1 pushed — 1 done, 0 failed, 0 skipped, 2 not sent',
        undefined,
        NEXT_POLL,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancelling…' })).not.toBeInTheDocument();
    expect(bff.records.map((r) => bff.sim.store.pushCount(r.id))).toEqual([1, 0, 0]);
  });
});
