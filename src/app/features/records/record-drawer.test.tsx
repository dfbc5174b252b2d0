import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

describe('record details drawer', () => {
  it('shows every field and the errors as key/value pairs, fresh from the record route', async () => {
    const bff = await startBff({
      records: [
        {
          object_id: 'bill-77',
          provider_object_id: 'codat-991',
          errors: { provider: { message: 'Contact is archived', code: 'E42' }, fields: ['due_date'] },
        },
      ],
    });
    const [record] = bff.records;
    // Monite has moved on since the list was mirrored: the drawer shows Monite's copy.
    bff.sim.store.update(bff.entityId, record!.id, { provider_object_id: 'codat-992' });
    renderApp(`${bff.recordsUrl}/${record!.id}?provider=codat`);

    const drawer = await screen.findByRole('dialog', { name: /Bill bill-77/ });
    const errors = within(drawer).getByRole('region', { name: 'Errors' });
    const values = within(errors).getAllByRole('definition');
    const pairs = within(errors)
      .getAllByRole('term')
      .map((term, i) => [term.textContent, values[i]?.textContent]);
    expect(pairs).toEqual([
      ['provider.message', 'Contact is archived'],
      ['provider.code', 'E42'],
      ['fields.0', 'due_date'],
    ]);
    expect(await within(drawer).findByText('codat-992')).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Copy Record ID' })).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Push' })).toBeEnabled();
  });

  it('opens from a row and closes with Esc, keeping the list and its filters', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-78' }] });
    const { router, user } = renderApp(`${bff.recordsUrl}?provider=codat`);

    await user.click(await screen.findByText('bill-78'));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`${bff.recordsUrl}/${bff.records[0]!.id}`);
    expect(router.state.location.search).toBe('?provider=codat');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(bff.recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat');
    expect(screen.getByText('bill-78')).toBeInTheDocument();
  });
});
