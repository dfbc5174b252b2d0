import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ENTITY, makeRecord, staffUser } from './test/fixtures';
import { mockBff } from './test/mock-bff';
import { renderApp } from './test/render-app';
import { server } from './test/server';

const recordsUrl = `/entities/${ENTITY.id}/records`;

describe('app header', () => {
  it('shows who is signed in and as what', async () => {
    mockBff([makeRecord()], { session: 'admin' });
    renderApp(recordsUrl);
    const header = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(header).findByText('admin@example.com')).toBeInTheDocument();
    expect(within(header).getByText('Admin')).toBeInTheDocument();
    expect(within(header).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('moves between Records and Audit, coming back to the same entity and filters', async () => {
    mockBff([makeRecord({ object_id: 'bill-nav' })]);
    server.use(http.get('*/api/audit', () => HttpResponse.json({ data: [], next_cursor: null })));
    const { router, user } = renderApp(`${recordsUrl}?provider=codat`);
    const header = await screen.findByRole('navigation', { name: 'Main' });
    await screen.findByText('bill-nav');
    expect(within(header).getByRole('link', { name: 'Records' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(header).getByRole('link', { name: 'Audit' }));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/audit');

    await user.click(within(header).getByRole('link', { name: 'Records' }));
    expect(await screen.findByText('bill-nav')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat');
  });

  it('waits for the session before showing any page', async () => {
    mockBff([makeRecord({ object_id: 'bill-later' })]);
    server.use(
      http.get('*/api/session', async () => {
        await delay(100);
        return HttpResponse.json({ user: staffUser('operator') });
      }),
    );
    renderApp(recordsUrl);
    expect(await screen.findByText('Checking your session…')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(await screen.findByText('bill-later')).toBeInTheDocument();
  });

  it('says so when the session cannot be checked, and retries', async () => {
    mockBff([makeRecord({ object_id: 'bill-after-retry' })]);
    let calls = 0;
    server.use(
      http.get('*/api/session', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              { error: { code: 'internal', message: 'The database is unavailable' } },
              { status: 500 },
            )
          : HttpResponse.json({ user: staffUser('operator') });
      }),
    );
    const { user } = renderApp(recordsUrl);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The database is unavailable');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('bill-after-retry')).toBeInTheDocument();
  });
});
