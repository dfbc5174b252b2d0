import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';

const rowOf = async (email: string) =>
  (await screen.findByRole('rowheader', { name: new RegExp(email) })).closest('tr')!;

describe('admin page', () => {
  it('lists staff and lets an admin grant, revoke, change the role and disable, each audited', async () => {
    const bff = await startBff({ session: 'admin', accounts: ['admin', 'operator'] });
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Staff' }));
    expect(await screen.findByRole('heading', { name: 'Staff and access' })).toBeInTheDocument();

    const operator = await rowOf('operator@example.com');
    expect(
      within(operator).getByRole('list', { name: 'Entities of operator@example.com' }),
    ).toHaveTextContent('Every entityOperator');
    await user.selectOptions(
      within(operator).getByLabelText('Entity to grant operator@example.com'),
      bff.otherEntity.name,
    );
    await user.selectOptions(within(operator).getByLabelText('Role to grant operator@example.com'), 'Viewer');
    await user.click(within(operator).getByRole('button', { name: 'Grant' }));
    const grants = within(operator).getByRole('list', { name: 'Entities of operator@example.com' });
    expect(await within(grants).findByText(bff.otherEntity.name)).toBeInTheDocument();

    await user.click(within(operator).getByRole('button', { name: 'Revoke Every entity' }));
    await waitFor(() => expect(grants).not.toHaveTextContent('Every entity'));

    await user.selectOptions(
      within(operator).getByLabelText('Deployment role of operator@example.com'),
      'Viewer',
    );
    await waitFor(async () => expect(await bff.roleOf('operator@example.com')).toBe('viewer'));
    await user.click(within(operator).getByRole('button', { name: 'Disable operator@example.com' }));
    expect(await within(operator).findByText('Disabled')).toBeInTheDocument();

    // The admin's own row cannot lock them out.
    const admin = await rowOf('admin@example.com');
    expect(within(admin).getByLabelText('Deployment role of admin@example.com')).toBeDisabled();
    expect(within(admin).queryByRole('button', { name: /Disable/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Audit' }));
    expect(await screen.findByText('Account disabled: operator@example.com')).toBeInTheDocument();
    expect(screen.getByText('Role changed: operator@example.com, Viewer')).toBeInTheDocument();
    expect(screen.getByText('Entity revoked: operator@example.com on every entity')).toBeInTheDocument();
    expect(
      await screen.findByText(`Entity granted: operator@example.com, Viewer on ${bff.otherEntity.name}`),
    ).toBeInTheDocument();
  });

  it('is not there for anyone but an admin', async () => {
    await startBff({ session: 'operator' });
    renderApp('/admin');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Staff' })).not.toBeInTheDocument();
  });
});
