import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys';
import { PASSWORD, startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { recordRequests } from '../../test/server';

const nextOf = (search: string) => new URLSearchParams(search).get('next');
/** The bodies of the sign-in requests the page sent. */
const signIns = (requests: Request[]) =>
  Promise.all(requests.filter((r) => r.method === 'POST').map((r) => r.json()));

type User = ReturnType<typeof renderApp>['user'];
async function signIn(user: User, email: string, password: string) {
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it('sends a signed-out person to sign in, then back to the page they opened, filters and all', async () => {
    const bff = await startBff({
      session: 'signed-out',
      records: [{ object_id: 'railz-bill', provider: 'railz' }],
    });
    const recordsUrl = bff.recordsUrl;
    const { router, user } = renderApp(`${recordsUrl}?provider=railz&sync_status=`);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(nextOf(router.state.location.search)).toBe(`${recordsUrl}?provider=railz&sync_status=`);

    await signIn(user, 'operator@example.com', PASSWORD);
    expect(await screen.findByText('railz-bill')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(recordsUrl);
    expect(router.state.location.search).toBe('?provider=railz&sync_status=');
    const header = screen.getByRole('navigation', { name: 'Main' });
    expect(within(header).getByText('operator@example.com')).toBeInTheDocument();
    expect(within(header).getByText('Operator')).toBeInTheDocument();
  });

  it('says when the email or password is wrong, and stays on the form', async () => {
    await startBff({ session: 'signed-out' });
    const requests = recordRequests();
    const { router, user } = renderApp('/sign-in');

    await signIn(user, 'operator@example.com', 'not-the-password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong.');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(await signIns(requests)).toEqual([
      { email: 'operator@example.com', password: 'not-the-password' },
    ]);
  });

  it('says a disabled account is disabled', async () => {
    const bff = await startBff({ session: 'signed-out', accounts: ['viewer'] });
    await bff.disableAccount('viewer@example.com');
    const { user } = renderApp('/sign-in');

    await signIn(user, 'viewer@example.com', PASSWORD);
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is disabled; ask an admin.');
  });

  it('says how many seconds to wait when sign-ins are rate-limited, and holds the button', async () => {
    const bff = await startBff({ session: 'signed-out' });
    // Someone guessed this account's password five times: it is locked for a quarter of an hour.
    for (let i = 0; i < 5; i++) await bff.failSignIn('operator@example.com');
    const { user } = renderApp('/sign-in');

    await signIn(user, 'operator@example.com', PASSWORD);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Too many sign-in attempts; try again in \d+ s$/,
    );
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  it('checks the fields before sending anything', async () => {
    await startBff({ session: 'signed-out' });
    const requests = recordRequests();
    const { user } = renderApp('/sign-in');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address.');
    expect(await signIns(requests)).toEqual([]);
  });

  it('lists the demo accounts in demo mode; each fills the form', async () => {
    await startBff({ session: 'signed-out', demo: true, records: [{ object_id: 'bill-demo' }] });
    const { user } = renderApp('/sign-in');

    const demo = await screen.findByRole('region', { name: 'Demo accounts' });
    expect(within(demo).getByText('operator@example.com')).toBeInTheDocument();
    expect(within(demo).getByText('demo-operator-password')).toBeInTheDocument();
    await user.click(within(demo).getByRole('button', { name: 'Use viewer@example.com' }));
    expect(screen.getByLabelText('Email')).toHaveValue('viewer@example.com');
    expect(screen.getByLabelText('Password')).toHaveValue('demo-viewer-password');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('bill-demo')).toBeInTheDocument();
    expect(screen.getByText('viewer@example.com')).toBeInTheDocument();
  });

  it('shows no demo accounts outside demo mode', async () => {
    await startBff({ session: 'signed-out' });
    const { queryClient } = renderApp('/sign-in');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryState(queryKeys.session())?.status).toBe('success'));
    expect(screen.queryByRole('region', { name: 'Demo accounts' })).not.toBeInTheDocument();
  });

  it('offers "Sign in with <name>" beside the password form, going on to the page asked for', async () => {
    await startBff({ session: 'signed-out', identityProvider: { name: 'Acme SSO' } });
    renderApp(`/sign-in?${new URLSearchParams({ next: '/audit?action=push' })}`);
    const link = await screen.findByRole('link', { name: 'Sign in with Acme SSO' });
    expect(link).toHaveAttribute(
      'href',
      `/api/session/oidc/start?${new URLSearchParams({ next: '/audit?action=push' })}`,
    );
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
  });

  it('hides the password form when passwords are switched off', async () => {
    await startBff({ session: 'signed-out', identityProvider: { name: 'Acme SSO', password: false } });
    renderApp('/sign-in');
    expect(await screen.findByRole('link', { name: 'Sign in with Acme SSO' })).toHaveAttribute(
      'href',
      '/api/session/oidc/start',
    );
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  it("says why the identity provider's sign-in came back without a session", async () => {
    await startBff({ session: 'signed-out', identityProvider: { name: 'Acme SSO' } });
    renderApp('/sign-in?error=account_disabled');
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is disabled; ask an admin.');
    expect(await screen.findByRole('link', { name: 'Sign in with Acme SSO' })).toBeInTheDocument();
  });

  it.each(['https://evil.example/phish', '//evil.example/phish', '/\\evil.example'])(
    'never follows a next of %s off the site',
    async (next) => {
      const bff = await startBff({ session: 'signed-out', records: [{ object_id: 'bill-home' }] });
      const { router, user } = renderApp(`/sign-in?${new URLSearchParams({ next })}`);

      await signIn(user, 'operator@example.com', PASSWORD);
      expect(await screen.findByText('bill-home')).toBeInTheDocument();
      expect(router.state.location.pathname).toBe(bff.recordsUrl);
    },
  );

  it('moves a signed-in person on from the sign-in page', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-signed-in' }] });
    const { router } = renderApp(`/sign-in?next=${encodeURIComponent(`${bff.recordsUrl}?provider=codat`)}`);
    expect(await screen.findByText('bill-signed-in')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?provider=codat');
  });
});
