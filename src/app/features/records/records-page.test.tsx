import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';

const listRequests = (requests: Request[]) =>
  requests.map((r) => new URL(r.url)).filter((u) => u.pathname.endsWith('/records'));

describe('records page', () => {
  it('opens the first entity, showing failed records by default', async () => {
    const bff = await startBff({
      records: [{ object_id: 'bill-failed' }, { object_id: 'bill-done', sync_status: 'done' }],
    });
    const requests = recordRequests();
    const { router } = renderApp('/');

    expect(await screen.findByText('bill-failed')).toBeInTheDocument();
    expect(screen.queryByText('bill-done')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(bff.recordsUrl);
    expect(screen.getByText('1 failed record')).toBeInTheDocument();
    expect(listRequests(requests)[0]?.searchParams.get('sync_status')).toBe('error');
    // The row says why it failed.
    const row = screen.getByText('bill-failed').closest('tr')!;
    expect(within(row).getByText('The Organisation is offline')).toBeInTheDocument();
  });

  it('takes its filters from the URL; an empty sync_status means every status', async () => {
    const bff = await startBff({
      records: [
        { object_id: 'railz-done', provider: 'railz', sync_status: 'done' },
        { object_id: 'codat-failed', provider: 'codat' },
      ],
    });
    const requests = recordRequests();
    renderApp(`${bff.recordsUrl}?sync_status=&provider=railz&sort=updated_at`);

    expect(await screen.findByText('railz-done')).toBeInTheDocument();
    expect(screen.queryByText('codat-failed')).not.toBeInTheDocument();
    const params = listRequests(requests)[0]!.searchParams;
    expect(params.get('sync_status')).toBeNull();
    expect(params.get('provider')).toBe('railz');
    expect(params.get('sort')).toBe('updated_at');
  });

  it('shows facet counts, and a toggled filter goes into the URL and the request', async () => {
    const bff = await startBff({
      records: [
        { object_id: 'a', provider: 'codat' },
        { object_id: 'b', provider: 'codat' },
        { object_id: 'c', provider: 'railz' },
        { object_id: 'd', provider: 'railz', sync_status: 'pending' },
      ],
    });
    const requests = recordRequests();
    const { router, user } = renderApp(bff.recordsUrl);
    await screen.findByText('3 failed records');

    await user.click(screen.getByRole('button', { name: /^Status/ }));
    const statuses = screen.getByRole('group', { name: 'Status' });
    expect(within(statuses).getByText('Failed').nextSibling).toHaveTextContent('3');
    expect(within(statuses).getByText('Pending').nextSibling).toHaveTextContent('1');

    await user.click(screen.getByRole('button', { name: /^Provider/ }));
    const providers = screen.getByRole('group', { name: 'Provider' });
    expect(within(providers).getByText('Codat').nextSibling).toHaveTextContent('2');
    await user.click(within(providers).getByRole('checkbox', { name: /Codat/ }));

    expect(await screen.findByText('2 failed records')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?provider=codat');
    expect(listRequests(requests).at(-1)?.searchParams.get('provider')).toBe('codat');
    expect(screen.getByRole('button', { name: 'Remove filter Provider: Codat' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('4 records')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?sync_status=');
  });

  it('toggles the sort from the Updated column header', async () => {
    const bff = await startBff({ records: [{}] });
    const { router, user } = renderApp(bff.recordsUrl);
    await user.click(await screen.findByRole('button', { name: /Updated/ }));
    expect(router.state.location.search).toBe('?sort=updated_at');
    expect(screen.getByRole('columnheader', { name: /Updated/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('says what to do when nothing failed', async () => {
    const bff = await startBff({ records: [{ sync_status: 'done' }] });
    const { router, user } = renderApp(bff.recordsUrl);

    expect(await screen.findByText('No failed records — everything synced.')).toBeInTheDocument();
    expect(screen.getByText('Clear filters to see all records.')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' }).at(-1)!);
    expect(await screen.findByText('1 record')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?sync_status=');
  });

  it('shows the first scan from Monite while it runs, then the records', async () => {
    const bff = await startBff({ unmirrored: true, records: Array.from({ length: 12 }, () => ({})) });
    renderApp(bff.recordsUrl);
    expect(await screen.findByText(/Loading records from Monite… \d+ so far/)).toBeInTheDocument();
    // Polled while the scan runs.
    expect(await screen.findByText('12 failed records', undefined, { timeout: 3000 })).toBeInTheDocument();
  });

  it('explains a failed load and retries it', async () => {
    const bff = await startBff({ records: [{ object_id: 'after-retry' }] });
    const restore = await bff.breakTable('mirror_record');
    const { user } = renderApp(bff.recordsUrl);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong in Sync Desk; the error was logged.');
    await restore();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('after-retry')).toBeInTheDocument();
  });

  it('switches entity from the header, keeping the filters', async () => {
    const bff = await startBff({ records: [{}] });
    const { router, user } = renderApp(`${bff.recordsUrl}?provider=codat`);
    const select = await screen.findByRole('combobox', { name: 'Entity' });
    await waitFor(() => expect(select).toBeEnabled());
    await user.selectOptions(select, bff.otherEntity.name);
    expect(router.state.location.pathname).toBe(`/entities/${bff.otherEntity.id}/records`);
    expect(router.state.location.search).toBe('?provider=codat');
  });
});
