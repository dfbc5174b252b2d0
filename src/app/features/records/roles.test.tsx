import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

describe('what each role may do with records', () => {
  it('gives a viewer no Push in the rows, and a disabled one in the drawer that says why', async () => {
    const bff = await startBff({ session: 'viewer', records: [{ object_id: 'bill-viewer' }] });
    const { user } = renderApp(bff.recordsUrl);

    const row = (await screen.findByText('bill-viewer')).closest('tr')!;
    expect(within(row).queryByRole('button', { name: 'Push' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Push' })).not.toBeInTheDocument();

    await user.click(within(row).getByRole('link', { name: 'Bill bill-viewer' }));
    const drawer = await screen.findByRole('dialog', { name: /Bill bill-viewer/ });
    const push = within(drawer).getByRole('button', { name: 'Push' });
    expect(push).toBeDisabled();
    expect(push).toHaveAccessibleDescription(
      "Viewers can't push records; ask an admin for the operator role.",
    );
  });

  it('gives an operator Push in the rows and the drawer', async () => {
    const bff = await startBff({ session: 'operator', records: [{ object_id: 'bill-operator' }] });
    renderApp(`${bff.recordsUrl}/${bff.records[0]!.id}`);

    const drawer = await screen.findByRole('dialog', { name: /Bill bill-operator/ });
    expect(within(drawer).getByRole('button', { name: 'Push' })).toBeEnabled();
    const row = screen.getByText('bill-operator', { selector: 'a code' }).closest('tr')!;
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
  });

  it("shows the BFF's reason when it refuses a push (403)", async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-refused' }] });
    const { user } = renderApp(bff.recordsUrl);
    const row = (await screen.findByText('bill-refused')).closest('tr')!;
    // An admin makes this operator a viewer while the page is open.
    await bff.changeRole('operator@example.com', 'viewer');

    await user.click(within(row).getByRole('button', { name: 'Push' }));
    expect(
      await screen.findByText("Viewers can't push records; ask an admin for the operator role."),
    ).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Push' })).toBeEnabled();
    expect(bff.sim.store.pushCount(bff.records[0]!.id)).toBe(0);
  });
});
