import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys';
import { toast } from '../../lib/toast';
import { PASSWORD, startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';

const nextOf = (search: string) => new URLSearchParams(search).get('next');
const listRequests = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url).pathname.endsWith('/records'));

describe('a session that ends mid-use', () => {
  it('on a refetch: sends the person to sign in, keeping the page and its filters, and back after', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-1' }] });
    const filtered = `${bff.recordsUrl}?provider=codat&sort=updated_at`;
    const { router, user, queryClient } = renderApp(filtered);
    await screen.findByText('bill-1');

    await bff.expireSessions();
    const requests = recordRequests();
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.recordLists(bff.entityId) }));

    expect(await screen.findByText('Your session ended; sign in again.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(nextOf(router.state.location.search)).toBe(filtered);
    // A 401 is not retried.
    expect(listRequests(requests)).toHaveLength(1);

    await user.type(screen.getByLabelText('Email'), 'operator@example.com');
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('bill-1')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(bff.recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat&sort=updated_at');
  });

  it('on a push: the same, with one toast and no push error', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-2' }] });
    const [record] = bff.records;
    const { router, user } = renderApp(`${bff.recordsUrl}/${record!.id}?provider=codat`);
    const drawer = await screen.findByRole('dialog', { name: /Bill bill-2/ });

    await bff.expireSessions();
    await user.click(within(drawer).getByRole('button', { name: 'Push' }));

    expect(await screen.findByText('Your session ended; sign in again.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(nextOf(router.state.location.search)).toBe(`${bff.recordsUrl}/${record!.id}?provider=codat`);
    expect(screen.queryByText(/^Sign in to continue/)).not.toBeInTheDocument();
    // The BFF refused it: nothing reached Monite.
    expect(bff.sim.store.pushCount(record!.id)).toBe(0);
  });
});

describe('signing out', () => {
  it('ends the session on the BFF, forgets the cached data and lands on sign-in', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-3' }] });
    const { router, user, queryClient } = renderApp(`${bff.recordsUrl}?provider=codat`);
    await screen.findByText('bill-3');
    toast.success('Pushed — now done');
    await screen.findByText('Pushed — now done');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(await bff.deps.db.selectFrom('staff_session').selectAll().execute()).toEqual([]);
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
    expect(queryClient.getQueryCache().findAll({ queryKey: ['entities'] })).toEqual([]);
    expect(screen.queryByText('Your session ended; sign in again.')).not.toBeInTheDocument();
    // The next person does not read the last one's toasts.
    await waitFor(() => expect(screen.queryByText('Pushed — now done')).not.toBeInTheDocument());
  });
});
