import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ENTITY, makePage, makeRecord } from '../../test/fixtures';
import { mockBff } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';
import { recordRequests, server } from '../../test/server';

const recordsUrl = `/entities/${ENTITY.id}/records`;
// Jobs are polled once a second while one runs.
const NEXT_POLL = { timeout: 3000 };

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
    const records = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => makeRecord({ object_id: id }));
    mockBff(records);
    const { user, router } = renderApp(recordsUrl);
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
    expect(router.state.location.pathname).toBe(recordsUrl);

    // The keyboard works too: Space on a focused checkbox.
    checkbox('r5').focus();
    await user.keyboard(' ');
    expect(within(bulkBar()).getByText('4 selected')).toBeInTheDocument();
  });

  it('ticks every loaded row from the header, which shows a partial selection', async () => {
    mockBff(['h1', 'h2', 'h3'].map((id) => makeRecord({ object_id: id })));
    const { user } = renderApp(recordsUrl);
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

  it('clears the selection when the filters change', async () => {
    mockBff([makeRecord({ object_id: 'f1', provider: 'codat' }), makeRecord({ object_id: 'f2' })]);
    const { user, router } = renderApp(recordsUrl);
    await screen.findByText('f1');
    await user.click(checkbox('f1'));
    expect(bulkBar()).toBeInTheDocument();

    await router.navigate(`${recordsUrl}?provider=codat`);
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument(),
    );
    expect(checkbox('f1')).not.toBeChecked();
  });

  it('gives viewers no checkboxes, no bulk bar and no job panel', async () => {
    mockBff([makeRecord({ object_id: 'v1' })], { session: 'viewer' });
    const requests = recordRequests();
    renderApp(recordsUrl);
    await screen.findByText('v1');

    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('/push-jobs'))).toBe(false);
  });
});

describe('starting a bulk push', () => {
  it('confirms how many and of which statuses; Esc cancels without a request', async () => {
    mockBff([
      makeRecord({ object_id: 'c1' }),
      makeRecord({ object_id: 'c2' }),
      makeRecord({ object_id: 'c3', sync_status: 'done', errors: null }),
    ]);
    const requests = recordRequests();
    const { user } = renderApp(`${recordsUrl}?sync_status=`);
    await screen.findByText('c1');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));

    const open = within(bulkBar()).getByRole('button', { name: 'Push selected (3)' });
    await user.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Push 3 records?' });
    expect(dialog).toHaveAccessibleDescription(
      '2 failed · 1 done. Records already pending at Monite are skipped.',
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
    expect(jobPosts(requests)).toHaveLength(0);
    // Still selected, ready for another go.
    expect(within(bulkBar()).getByText('3 selected')).toBeInTheDocument();
  });

  it('sends the selected ids', async () => {
    const [a, b] = [makeRecord({ object_id: 's1' }), makeRecord({ object_id: 's2' })];
    const bff = mockBff([a!, b!, makeRecord({ object_id: 's3' })], { jobs: { advance: 'manual' } });
    const { user } = renderApp(recordsUrl);
    await screen.findByText('s1');
    await user.click(checkbox('s1'));
    await user.click(checkbox('s2'));

    await confirmPush(user, '2');
    await waitFor(() => expect(bff.jobs.requests).toEqual([{ ids: [a!.id, b!.id] }]));
    expect(await screen.findByText('Pushing 2 records')).toBeInTheDocument();
    // The pushed records are in the job now, no longer selected.
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
  });

  it('offers every record matching the filters, and then sends the filters, not ids', async () => {
    const bff = mockBff([], { jobs: { advance: 'manual' } });
    const loaded = ['m1', 'm2'].map((id) => makeRecord({ object_id: id, provider: 'railz' }));
    server.use(
      http.get('*/api/entities/:entityId/records', () =>
        HttpResponse.json(
          makePage(loaded, {
            total: 1234,
            next_cursor: 'page-2',
            facets: {
              sync_status: { error: 1200, done: 34, pending: 7 },
              provider: {},
              platform: {},
              object_type: {},
            },
          }),
        ),
      ),
    );
    const { user } = renderApp(`${recordsUrl}?sync_status=error,done&provider=railz&q=acme`);
    await screen.findByText('m1');

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));
    expect(screen.getByText(/All 2 loaded records are selected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Select all 1,234 records matching these filters' }));
    expect(screen.getByText(/All 1,234 matching records are selected/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear selection' })).toBeInTheDocument();

    const dialog = await openConfirm(user, '1,234');
    expect(dialog).toHaveAccessibleName('Push 1,234 records?');
    expect(dialog).toHaveAccessibleDescription(
      '1,200 failed · 34 done. Records already pending at Monite are skipped.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Push 1,234 records' }));
    await waitFor(() =>
      expect(bff.jobs.requests).toEqual([
        {
          filter: {
            sync_status: ['error', 'done'],
            provider: ['railz'],
            platform: [],
            object_type: [],
            q: 'acme',
          },
        },
      ]),
    );
  });

  it("says so when a job is already running, and shows that job's panel (409)", async () => {
    const record = makeRecord({ object_id: 'busy' });
    const bff = mockBff([record], { jobs: { advance: 'manual' } });
    const { user } = renderApp(recordsUrl);
    await screen.findByText('busy');
    // Someone else starts one after this page last looked.
    bff.jobs.start(ENTITY.id, [record.id], { createdBy: 'ana@example.com' });

    await user.click(checkbox('busy'));
    await confirmPush(user, '1');
    expect(
      await screen.findByText('A push job is already running for this entity, started by ana@example.com.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Pushing 1 record')).toBeInTheDocument();
    expect(within(panel()).getByText(/Started by ana@example.com/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('the job panel', () => {
  it('follows the job: counts, rate and time left, then a summary, with the failures still selected', async () => {
    const records = ['j1', 'j2', 'j3'].map((id) => makeRecord({ object_id: id }));
    const bff = mockBff(records, { jobs: { advance: 'manual', batch: 2, rate: 0.5 } });
    bff.settle(records[1]!.id, {
      sync_status: 'error',
      errors: { provider: { message: 'Tax rate is missing' } },
    });
    const { user } = renderApp(recordsUrl);
    await screen.findByText('j1');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded records' }));
    await confirmPush(user, '3');

    expect(await screen.findByText('Pushing 3 records')).toBeInTheDocument();
    expect(within(panel()).getByText(/Started by you/)).toBeInTheDocument();
    expect([stat('Pushed'), stat('Waiting')]).toEqual(['0', '3']);
    expect(within(panel()).getByText('0.5 records/s · about 6 s left')).toBeInTheDocument();
    expect(within(panel()).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');

    bff.jobs.advance(); // j1, j2 sent
    await waitFor(() => expect(stat('Pushed')).toBe('2'), NEXT_POLL);
    expect(stat('Waiting')).toBe('1');
    expect(within(panel()).getByText('0.5 records/s · about 2 s left')).toBeInTheDocument();

    bff.jobs.advance(); // j1 done, j2 failed, j3 sent
    await waitFor(() => expect(stat('Failed')).toBe('1'), NEXT_POLL);
    expect([stat('Pushed'), stat('Done'), stat('Waiting')]).toEqual(['3', '1', '0']);

    bff.jobs.advance(); // j3 done: the job is over
    expect(
      await within(panel()).findByText('Done: 3 pushed — 2 done, 1 failed, 0 skipped', undefined, NEXT_POLL),
    ).toBeInTheDocument();
    expect(await screen.findByText('Push finished: 2 done, 1 failed, 0 skipped')).toBeInTheDocument();
    // The failure is selected for another try, and its row shows the new error; the records
    // that went through leave the Failed list.
    expect(within(bulkBar()).getByText('1 selected')).toBeInTheDocument();
    expect(checkbox('j2')).toBeChecked();
    expect(await screen.findByText('Tax rate is missing', { selector: 'td span' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('j1')).not.toBeInTheDocument());
    expect(within(bulkBar()).getByRole('button', { name: 'Push selected (1)' })).toBeEnabled();

    // Its reason is listed, and the record id opens the drawer.
    await user.click(within(panel()).getByText('Problems: 1 failed'));
    const problem = within(panel()).getByRole('link', { name: records[1]!.id });
    expect(problem.closest('li')).toHaveTextContent('Failed: Tax rate is missing');
    await user.click(problem);
    expect(await screen.findByRole('dialog', { name: /Bill j2/ })).toBeInTheDocument();

    await user.click(within(panel()).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Bulk push' })).not.toBeInTheDocument();
  }, 10_000);

  it("shows a job someone else started, found on load, and stops this page's own pushes meanwhile", async () => {
    const records = ['o1', 'o2'].map((id) => makeRecord({ object_id: id }));
    const bff = mockBff(records, { jobs: { advance: 'manual' } });
    bff.jobs.start(
      ENTITY.id,
      records.map((r) => r.id),
      { createdBy: 'ana@example.com', createdAt: new Date(Date.now() - 2 * 60_000) },
    );
    const { user } = renderApp(recordsUrl);

    expect(await screen.findByText('Pushing 2 records')).toBeInTheDocument();
    expect(within(panel()).getByText(/Started by/)).toHaveTextContent('Started by ana@example.com 2 min ago');
    expect(stat('Waiting')).toBe('2');
    await user.click(checkbox('o1'));
    expect(within(bulkBar()).getByRole('button', { name: 'Push selected (1)' })).toBeDisabled();
  });

  it('cancels: sends DELETE, says Cancelling… until the job stops', async () => {
    const records = ['x1', 'x2', 'x3'].map((id) => makeRecord({ object_id: id }));
    const bff = mockBff(records, { jobs: { advance: 'manual', batch: 1 } });
    const job = bff.jobs.start(
      ENTITY.id,
      records.map((r) => r.id),
    );
    bff.jobs.advance(); // x1 sent
    const { user } = renderApp(recordsUrl);
    await screen.findByText('Pushing 3 records');

    await user.click(within(panel()).getByRole('button', { name: 'Cancel' }));
    expect(await within(panel()).findByRole('button', { name: 'Cancelling…' })).toBeDisabled();
    expect(bff.jobs.cancels).toEqual([job.id]);

    bff.jobs.advance();
    expect(
      await within(panel()).findByText(
        'Cancelled: 1 pushed — 0 done, 0 failed, 0 skipped, 1 still pending, 2 not sent',
        undefined,
        NEXT_POLL,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancelling…' })).not.toBeInTheDocument();
  });
});
