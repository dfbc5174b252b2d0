import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

describe('per-entity access in the SPA', () => {
  it('shows "No access yet" to a signed-in person without any grant, not an error', async () => {
    const bff = await startBff();
    await bff.setGrants('operator@example.com', []);
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No access yet — ask an admin' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it("hides Push where the role on that entity is viewer, and shows another entity's URL as not found", async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-scoped' }] });
    await bff.setGrants('operator@example.com', [{ entityId: bff.entityId, role: 'viewer' }]);
    const { router } = renderApp(bff.recordsUrl);
    const row = (await screen.findByText('bill-scoped')).closest('tr')!;
    expect(within(row).queryByRole('button', { name: 'Push' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Staff' })).not.toBeInTheDocument();

    await router.navigate(`/entities/${bff.otherEntity.id}/records`);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByText(bff.otherEntity.name)).not.toBeInTheDocument();
  });
});
