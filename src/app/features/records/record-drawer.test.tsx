import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ENTITY, makeRecord } from '../../test/fixtures';
import { mockBff } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';

const recordsUrl = `/entities/${ENTITY.id}/records`;

describe('record details drawer', () => {
  it('shows every field and the errors as key/value pairs, fresh from the record route', async () => {
    const record = makeRecord({
      object_id: 'bill-77',
      provider_object_id: 'codat-991',
      errors: { provider: { message: 'Contact is archived', code: 'E42' }, fields: ['due_date'] },
    });
    mockBff([record]);
    renderApp(`${recordsUrl}/${record.id}?provider=codat`);

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
    expect(within(drawer).getByText('codat-991')).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Copy Record ID' })).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Push' })).toBeEnabled();
  });

  it('opens from a row and closes with Esc, keeping the list and its filters', async () => {
    const record = makeRecord({ object_id: 'bill-78' });
    mockBff([record]);
    const { router, user } = renderApp(`${recordsUrl}?provider=codat`);

    await user.click(await screen.findByText('bill-78'));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`${recordsUrl}/${record.id}`);
    expect(router.state.location.search).toBe('?provider=codat');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(recordsUrl);
    expect(router.state.location.search).toBe('?provider=codat');
    expect(screen.getByText('bill-78')).toBeInTheDocument();
  });
});
