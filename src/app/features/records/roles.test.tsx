import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ENTITY, makeRecord } from '../../test/fixtures';
import { mockBff } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

const recordsUrl = `/entities/${ENTITY.id}/records`;

describe('what each role may do with records', () => {
  it('gives a viewer no Push in the rows, and a disabled one in the drawer that says why', async () => {
    const record = makeRecord({ object_id: 'bill-viewer' });
    mockBff([record], { session: 'viewer' });
    const { user } = renderApp(recordsUrl);

    const row = (await screen.findByText('bill-viewer')).closest('tr')!;
    expect(within(row).queryByRole('button', { name: 'Push' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Push' })).not.toBeInTheDocument();

    await user.click(within(row).getByRole('link', { name: 'bill-viewer' }));
    const drawer = await screen.findByRole('dialog', { name: /Bill bill-viewer/ });
    const push = within(drawer).getByRole('button', { name: 'Push' });
    expect(push).toBeDisabled();
    expect(push).toHaveAccessibleDescription(
      "Viewers can't push records; ask an admin for the operator role.",
    );
  });

  it('gives an operator Push in the rows and the drawer', async () => {
    const record = makeRecord({ object_id: 'bill-operator' });
    mockBff([record], { session: 'operator' });
    renderApp(`${recordsUrl}/${record.id}`);

    const drawer = await screen.findByRole('dialog', { name: /Bill bill-operator/ });
    expect(within(drawer).getByRole('button', { name: 'Push' })).toBeEnabled();
    const row = screen.getByText('bill-operator', { selector: 'a' }).closest('tr')!;
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
  });

  it("shows the BFF's reason when it refuses a push (403)", async () => {
    const record = makeRecord({ object_id: 'bill-refused' });
    mockBff([record]);
    server.use(
      http.post('*/api/entities/:entityId/records/:recordId/push', () =>
        HttpResponse.json(
          {
            error: {
              code: 'forbidden',
              message: "Viewers can't push records; ask an admin for the operator role.",
            },
          },
          { status: 403 },
        ),
      ),
    );
    const { user } = renderApp(recordsUrl);
    const row = (await screen.findByText('bill-refused')).closest('tr')!;

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    expect(
      await screen.findByText("Viewers can't push records; ask an admin for the operator role."),
    ).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
  });
});
