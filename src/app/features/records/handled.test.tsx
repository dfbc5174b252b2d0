import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const select = () => screen.getByRole('checkbox', { name: 'Select Bill bill-93' });

describe('marking a failure handled', () => {
  it('marks from the drawer with a kind and reason, moves the record to Handled, and undoes it', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-90' }, { object_id: 'bill-91' }] });
    const [record] = bff.records;
    const { router, user } = renderApp(`${bff.recordsUrl}/${record!.id}`);

    const drawer = await screen.findByRole('dialog', { name: /Bill bill-90/ });
    await user.click(within(drawer).getByRole('button', { name: 'Mark as handled…' }));
    await user.click(within(drawer).getByRole('radio', { name: /Do not send/ }));
    const save = within(drawer).getByRole('button', { name: 'Mark as handled' });
    expect(save).toBeDisabled();
    await user.type(within(drawer).getByRole('textbox', { name: 'Reason' }), 'Already in Xero by hand');
    await user.click(save);

    const handled = await within(drawer).findByRole('region', { name: 'Handled' });
    expect(handled).toHaveTextContent('Do not send');
    expect(handled).toHaveTextContent('Already in Xero by hand');
    expect(handled).toHaveTextContent('operator@example.com');

    // The work queue no longer lists it; the Handled tab does, with who and why.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByText('bill-90')).not.toBeInTheDocument());
    expect(screen.getByText('bill-91')).toBeInTheDocument();
    await user.click(await screen.findByRole('tab', { name: 'Handled (1)' }));
    expect(router.state.location.search).toBe('?handled=only');
    const row = (await screen.findByText('bill-90')).closest('tr')!;
    expect(row).toHaveTextContent('Already in Xero by hand');
    expect(screen.queryByText('bill-91')).not.toBeInTheDocument();

    await user.click(within(row).getByText('bill-90'));
    const again = await screen.findByRole('dialog', { name: /Bill bill-90/ });
    await user.click(await within(again).findByRole('button', { name: 'Undo' }));
    expect(await within(again).findByRole('button', { name: 'Mark as handled…' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(await screen.findByText('No records marked handled')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Handled (0)' })).toBeInTheDocument();
  });

  it('keeps a selection when the view changes, as a filter change does', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-93' }] });
    const { user } = renderApp(bff.recordsUrl);
    await screen.findByText('bill-93');
    await user.click(select());
    expect(select()).toBeChecked();
    await user.click(screen.getByRole('tab', { name: /^Handled/ }));
    expect(await screen.findByText(/1 selected not shown/)).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'To do' }));
    await screen.findByText('bill-93');
    expect(select()).toBeChecked();
  });

  it('shows viewers the mark but no way to set or undo it', async () => {
    const bff = await startBff({ session: 'viewer', records: [{ object_id: 'bill-92' }] });
    const operator = await bff.as('operator');
    await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${bff.records[0]!.id}/mark`,
      headers: operator,
      payload: { kind: 'resolved', reason: 'Entered by hand' },
    });
    renderApp(`${bff.recordsUrl}/${bff.records[0]!.id}?handled=only`);
    const drawer = await screen.findByRole('dialog', { name: /Bill bill-92/ });
    const handled = await within(drawer).findByRole('region', { name: 'Handled' });
    expect(handled).toHaveTextContent('Resolved outside Sync Desk');
    expect(within(handled).queryByRole('button')).not.toBeInTheDocument();
  });
});
