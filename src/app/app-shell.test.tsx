import { screen, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startBff } from './test/bff';
import { renderApp } from './test/render-app';
import { server } from './test/server';

describe('app header', () => {
  it('shows who is signed in and as what', async () => {
    const bff = await startBff({ session: 'admin', records: [{}] });
    renderApp(bff.recordsUrl);
    const header = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(header).findByText('admin@example.com')).toBeInTheDocument();
    expect(within(header).getByText('Admin')).toBeInTheDocument();
    expect(within(header).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('moves between Records and Audit, coming back to the same entity and filters', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-nav' }] });
    const { router, user } = renderApp(`${bff.recordsUrl}?provider=codat`);
    const header = await screen.findByRole('navigation', { name: 'Main' });
    await screen.findByText('bill-nav');
    expect(within(header).getByRole('link', { name: 'Records' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(header).getByRole('link', { name: 'Audit' }));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/audit');

    await user.click(within(header).getByRole('link', { name: 'Records' }));
    expect(await screen.findByText('bill-nav')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(bff.recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat');
  });

  it('waits for the session before showing any page', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-later' }] });
    // The BFF answers in a moment, as over a network (the real session route answers after this).
    server.use(http.get('*/api/session', () => delay(200)));
    renderApp(bff.recordsUrl);
    expect(await screen.findByText('Checking your session…')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(await screen.findByText('bill-later')).toBeInTheDocument();
  });

  it('says so when the session cannot be checked, and retries', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-after-retry' }] });
    const restore = await bff.breakTable('staff_session');
    const { user } = renderApp(bff.recordsUrl);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong in Sync Desk; the error was logged.');

    await restore();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('bill-after-retry')).toBeInTheDocument();
  });
});
