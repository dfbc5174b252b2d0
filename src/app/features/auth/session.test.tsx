import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys';
import { toast } from '../../lib/toast';
import { ENTITY, makeRecord } from '../../test/fixtures';
import { mockBff } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';

const recordsUrl = `/entities/${ENTITY.id}/records`;
const filtered = `${recordsUrl}?provider=codat&sort=updated_at`;
const nextOf = (search: string) => new URLSearchParams(search).get('next');
const listRequests = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url).pathname.endsWith('/records'));

describe('a session that ends mid-use', () => {
  it('on a refetch: sends the person to sign in, keeping the page and its filters, and back after', async () => {
    const bff = mockBff([makeRecord({ object_id: 'bill-1' })]);
    const { router, user, queryClient } = renderApp(filtered);
    await screen.findByText('bill-1');

    bff.session.expire();
    const requests = recordRequests();
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.recordLists(ENTITY.id) }));

    expect(await screen.findByText('Your session ended; sign in again.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(nextOf(router.state.location.search)).toBe(filtered);
    // A 401 is not retried.
    expect(listRequests(requests)).toHaveLength(1);

    await user.type(screen.getByLabelText('Email'), 'operator@example.com');
    await user.type(screen.getByLabelText('Password'), 'demo-operator-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('bill-1')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat&sort=updated_at');
  });

  it('on a push: the same, with one toast and no push error', async () => {
    const record = makeRecord({ object_id: 'bill-2' });
    const bff = mockBff([record]);
    const { router, user } = renderApp(`${recordsUrl}/${record.id}?provider=codat`);
    const drawer = await screen.findByRole('dialog', { name: /Bill bill-2/ });

    bff.session.expire();
    await user.click(within(drawer).getByRole('button', { name: 'Push' }));

    expect(await screen.findByText('Your session ended; sign in again.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(nextOf(router.state.location.search)).toBe(`${recordsUrl}/${record.id}?provider=codat`);
    expect(screen.queryByText('Sign in to continue.')).not.toBeInTheDocument();
    // The BFF refused it: nothing reached the push route.
    expect(bff.pushes).toEqual([]);
  });
});

describe('signing out', () => {
  it('ends the session on the BFF, forgets the cached data and lands on sign-in', async () => {
    const bff = mockBff([makeRecord({ object_id: 'bill-3' })]);
    const { router, user, queryClient } = renderApp(`${recordsUrl}?provider=codat`);
    await screen.findByText('bill-3');
    toast.success('Pushed — now done');
    await screen.findByText('Pushed — now done');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(bff.session.signOuts).toBe(1);
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
    expect(queryClient.getQueryCache().findAll({ queryKey: ['entities'] })).toEqual([]);
    expect(screen.queryByText('Your session ended; sign in again.')).not.toBeInTheDocument();
    // The next person does not read the last one's toasts.
    await waitFor(() => expect(screen.queryByText('Pushed — now done')).not.toBeInTheDocument());
  });
});
