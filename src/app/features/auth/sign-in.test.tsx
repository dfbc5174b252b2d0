import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys';
import { ENTITY, makeRecord } from '../../test/fixtures';
import { mockBff } from '../../test/mock-bff';
import { renderApp } from '../../test/render-app';

const recordsUrl = `/entities/${ENTITY.id}/records`;
const nextOf = (search: string) => new URLSearchParams(search).get('next');

type User = ReturnType<typeof renderApp>['user'];
async function signIn(user: User, email: string, password: string) {
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it('sends a signed-out person to sign in, then back to the page they opened, filters and all', async () => {
    mockBff([makeRecord({ object_id: 'railz-bill', provider: 'railz' })], { session: 'signed-out' });
    const { router, user } = renderApp(`${recordsUrl}?provider=railz&sync_status=`);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(nextOf(router.state.location.search)).toBe(`${recordsUrl}?provider=railz&sync_status=`);

    await signIn(user, 'operator@example.com', 'demo-operator-password');
    expect(await screen.findByText('railz-bill')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(recordsUrl);
    expect(router.state.location.search).toBe('?provider=railz&sync_status=');
    const header = screen.getByRole('navigation', { name: 'Main' });
    expect(within(header).getByText('operator@example.com')).toBeInTheDocument();
    expect(within(header).getByText('Operator')).toBeInTheDocument();
  });

  it('says when the email or password is wrong, and stays on the form', async () => {
    const bff = mockBff([], { session: 'signed-out' });
    const { router, user } = renderApp('/sign-in');

    await signIn(user, 'operator@example.com', 'not-the-password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong.');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(bff.session.signIns).toEqual([{ email: 'operator@example.com', password: 'not-the-password' }]);
  });

  it('says a disabled account is disabled', async () => {
    const bff = mockBff([], { session: 'signed-out' });
    bff.session.disable('viewer@example.com');
    const { user } = renderApp('/sign-in');

    await signIn(user, 'viewer@example.com', 'demo-viewer-password');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This account is disabled; ask an admin to enable it.',
    );
  });

  it('says how many seconds to wait when sign-ins are rate-limited, and holds the button', async () => {
    const bff = mockBff([], { session: 'signed-out' });
    bff.session.rateLimit(30);
    const { user } = renderApp('/sign-in');

    await signIn(user, 'operator@example.com', 'demo-operator-password');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many sign-in attempts; try again in 30 s',
    );
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  it('checks the fields before sending anything', async () => {
    const bff = mockBff([], { session: 'signed-out' });
    const { user } = renderApp('/sign-in');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address.');
    expect(bff.session.signIns).toEqual([]);
  });

  it('lists the demo accounts in demo mode; each fills the form', async () => {
    mockBff([makeRecord({ object_id: 'bill-demo' })], { session: 'signed-out', demo: true });
    const { user } = renderApp('/sign-in');

    const demo = await screen.findByRole('region', { name: 'Demo accounts' });
    expect(within(demo).getByText('admin@example.com')).toBeInTheDocument();
    expect(within(demo).getByText('demo-admin-password')).toBeInTheDocument();
    await user.click(within(demo).getByRole('button', { name: 'Use viewer@example.com' }));
    expect(screen.getByLabelText('Email')).toHaveValue('viewer@example.com');
    expect(screen.getByLabelText('Password')).toHaveValue('demo-viewer-password');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('bill-demo')).toBeInTheDocument();
    expect(screen.getByText('viewer@example.com')).toBeInTheDocument();
  });

  it('shows no demo accounts outside demo mode', async () => {
    mockBff([], { session: 'signed-out' });
    const { queryClient } = renderApp('/sign-in');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryState(queryKeys.session())?.status).toBe('success'));
    expect(screen.queryByRole('region', { name: 'Demo accounts' })).not.toBeInTheDocument();
  });

  it.each(['https://evil.example/phish', '//evil.example/phish', '/\\evil.example'])(
    'never follows a next of %s off the site',
    async (next) => {
      mockBff([makeRecord({ object_id: 'bill-home' })], { session: 'signed-out' });
      const { router, user } = renderApp(`/sign-in?${new URLSearchParams({ next })}`);

      await signIn(user, 'operator@example.com', 'demo-operator-password');
      expect(await screen.findByText('bill-home')).toBeInTheDocument();
      expect(router.state.location.pathname).toBe(recordsUrl);
    },
  );

  it('moves a signed-in person on from the sign-in page', async () => {
    mockBff([makeRecord({ object_id: 'bill-signed-in' })]);
    const { router } = renderApp(`/sign-in?next=${encodeURIComponent(`${recordsUrl}?provider=codat`)}`);
    expect(await screen.findByText('bill-signed-in')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?provider=codat');
  });
});
