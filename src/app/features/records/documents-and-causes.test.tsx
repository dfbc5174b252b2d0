import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../lib/document-text';
import { startBff, type RecordInit } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';

const failing = (object_id: string, message: string): RecordInit => ({
  object_id,
  errors: { provider: { message } },
});
const STALE = 'Stale Object Error : the record changed';
const DUPLICATE = 'Duplicate Document Number Error : number in use';

/** A record's name and details line, as shown around its link. */
const identity = (link: HTMLElement) => link.closest('a')!.parentElement!.parentElement!.textContent;
const jobPosts = (requests: Request[]) =>
  requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/push-jobs'));

describe('records named by their documents', () => {
  it('shows the bill by number, counterpart and amount in the row, and its cause and status in the drawer', async () => {
    // Monite's ids are uuids; the BFF asks for documents by them.
    const objectId = crypto.randomUUID();
    const bff = await startBff({ documents: true, records: [failing(objectId, DUPLICATE)] });
    const [record] = await bff.listed();
    const document = record!.document;
    if (document?.kind !== 'bill') throw new Error(`expected a bill summary, got ${document?.kind}`);
    const name = `Bill ${document.number}`;
    const { user } = renderApp(bff.recordsUrl);

    const checkbox = await screen.findByRole('checkbox', { name: `Select ${name}` });
    const row = checkbox.closest('tr')!;
    expect(row).toHaveTextContent(document.counterpart_name!);
    expect(row).toHaveTextContent(formatMoney(document.total!));
    expect(within(row).getByText('Fix first')).toBeInTheDocument();
    expect(within(row).queryByText(objectId)).not.toBeInTheDocument();

    await user.click(within(row).getByRole('link', { name }));
    const drawer = await screen.findByRole('dialog', { name });
    expect(drawer).toHaveTextContent(`Status in Monite: ${document.status}`);
    const errors = within(drawer).getByRole('region', { name: 'Errors' });
    // The cause and its fix come with the provider's message, before the document and the raw JSON.
    const fix = within(errors).getByText(record!.classification!.fix);
    const raw = within(drawer).getByText('Raw provider JSON');
    expect(within(errors).getByText('Duplicate Document Number')).toBeInTheDocument();
    expect(within(errors).getByText(DUPLICATE)).toBeInTheDocument();
    expect(fix.compareDocumentPosition(raw) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    // The ids are one click away.
    await user.click(within(drawer).getByRole('button', { name: 'Copy Object ID' }));
    expect(await navigator.clipboard.readText()).toBe(objectId);
    expect(await screen.findByText('Object ID copied')).toBeInTheDocument();
  });
});

describe("a bulk job's problems", () => {
  it('name each record as its row does, document first, and open its details', async () => {
    const objectId = crypto.randomUUID();
    const bff = await startBff({ documents: true, records: [failing(objectId, STALE)] });
    const [record] = await bff.listed();
    if (record?.document?.kind !== 'bill') throw new Error('expected a bill summary');
    const name = `Bill ${record.document.number}`;
    bff.sim.faults.forcePushOutcome(record.id, 'error', { provider: { message: STALE } });
    const { user } = renderApp(bff.recordsUrl);

    const row = (await screen.findByRole('checkbox', { name: `Select ${name}` })).closest('tr')!;
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Push selected (1)' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Push 1 record' }),
    );
    const panel = await screen.findByRole('region', { name: 'Bulk push' });
    await user.click(await within(panel).findByText('Problems: 1 failed', undefined, { timeout: 10_000 }));

    const link = within(panel).getByRole('link', { name });
    // The same two lines as the table's row: the name, then counterpart, amount and due date.
    expect(identity(link)).toBe(identity(within(row).getByRole('link', { name })));
    expect(identity(link)).toContain(formatMoney(record.document.total!));
    expect(within(panel).queryByText(objectId)).not.toBeInTheDocument();
    expect(within(panel).queryByText(record.id)).not.toBeInTheDocument();

    await user.click(link);
    expect(await screen.findByRole('dialog', { name })).toBeInTheDocument();
  }, 20_000);
});

describe('pushes that ask first', () => {
  it('asks whether a fix-first failure was fixed, showing the fix; Cancel sends nothing', async () => {
    const bff = await startBff({ records: [failing('dup-1', DUPLICATE)] });
    const { user } = renderApp(bff.recordsUrl);
    const row = (await screen.findByText('dup-1')).closest('tr')!;

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    const dialog = await screen.findByRole('dialog', { name: 'Did you fix Bill dup-1?' });
    expect(dialog).toHaveTextContent(/This number is already used in QuickBooks/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(bff.sim.store.pushCount(bff.records[0]!.id)).toBe(0);

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    await user.click(await screen.findByRole('button', { name: 'I fixed it, push' }));
    await waitFor(() => expect(bff.sim.store.pushCount(bff.records[0]!.id)).toBe(1));
  });

  it('asks before pushing a done record again; a retry-may-help failure is pushed at once', async () => {
    const bff = await startBff({
      records: [{ object_id: 'synced', sync_status: 'done' }, failing('stale-1', STALE)],
    });
    const [synced, stale] = bff.records;
    const { user } = renderApp(`${bff.recordsUrl}?sync_status=`);

    const staleRow = (await screen.findByText('stale-1')).closest('tr')!;
    await user.click(within(staleRow).getByRole('button', { name: 'Push' }));
    await waitFor(() => expect(bff.sim.store.pushCount(stale!.id)).toBe(1));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    const doneRow = screen.getByText('synced').closest('tr')!;
    await user.click(within(doneRow).getByRole('button', { name: 'Push' }));
    const dialog = await screen.findByRole('dialog', { name: 'Push Bill synced again?' });
    expect(dialog).toHaveTextContent(/already synced/);
    await user.click(within(dialog).getByRole('button', { name: 'Push again' }));
    await waitFor(() => expect(bff.sim.store.pushCount(synced!.id)).toBe(1));
  });

  it('breaks a bulk selection down by class and sends fix-first failures only once confirmed fixed', async () => {
    const bff = await startBff({ records: [failing('s-1', STALE), failing('d-1', DUPLICATE)] });
    const requests = recordRequests();
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('s-1');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));
    await user.click(screen.getByRole('button', { name: 'Push selected (2)' }));

    const dialog = await screen.findByRole('dialog', { name: 'Push 2 records?' });
    expect(within(dialog).getByText('Retry may help').nextElementSibling).toHaveTextContent('1');
    expect(within(dialog).getByText('Fix first').nextElementSibling).toHaveTextContent('1');
    expect(dialog).toHaveTextContent(/Duplicate Document Number \(1\): This number is already used/);
    const push = within(dialog).getByRole('button', { name: 'Push 2 records' });
    expect(push).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'I fixed these causes' }));
    await user.click(push);
    expect(await screen.findByText('Pushing 2 records')).toBeInTheDocument();
    expect(jobPosts(requests)).toHaveLength(1);
  });
});

describe('failures grouped by cause', () => {
  it('lists each group with its count and class, filters to one, and pushes all of one', async () => {
    const bff = await startBff({
      pushDelayMs: 60_000,
      records: [failing('s-1', STALE), failing('s-2', STALE), failing('d-1', DUPLICATE)],
    });
    const requests = recordRequests();
    const { user, router } = renderApp(bff.recordsUrl);
    await screen.findByText('s-1');

    await user.click(await screen.findByText('Failures by cause: 3 in 2 groups'));
    const groups = screen.getByRole('list', { name: 'Failures by cause' });
    const items = within(groups).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^2Retry may helpStale object/),
      expect.stringMatching(/^1Fix firstDuplicate Document Number/),
    ]);

    await user.click(within(groups).getByRole('button', { name: 'Show only Stale object' }));
    expect(new URLSearchParams(router.state.location.search).get('error_group')).toBe('qbo.stale_object');
    await waitFor(() => expect(screen.queryByText('d-1')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Push all 2 records in Stale object' }));
    const dialog = await screen.findByRole('dialog', { name: 'Push 2 records?' });
    await user.click(within(dialog).getByRole('button', { name: 'Push 2 records' }));
    expect(await screen.findByText('Pushing 2 records')).toBeInTheDocument();
    expect(await jobPosts(requests)[0]!.json()).toEqual({
      filter: {
        sync_status: ['error'],
        provider: [],
        platform: [],
        object_type: [],
        error_group: ['qbo.stale_object'],
      },
    });
  });
});
