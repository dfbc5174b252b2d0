import { expect, test, type Page } from '@playwright/test';
import { watchCsp } from './helpers';
import { OIDC_URL } from './ports';

/** From the sign-in page through the demo identity provider's accounts page, as `name`. */
async function signInThroughProvider(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Sign in with Demo SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_URL}/interaction/`));
  await expect(page.getByRole('heading', { name: 'Demo identity provider' })).toBeVisible();
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
}

const header = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('a one-entity bookkeeper signs in through the identity provider and lands where they were going', async ({
  page,
  context,
}) => {
  const csp = watchCsp(page);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit/);
  await signInThroughProvider(page, 'Bo Bookkeeper');

  await expect(page).toHaveURL(/\/audit$/);
  await expect(header(page).getByText('bo.bookkeeper@example.com')).toBeVisible();
  await expect(header(page).getByText('Operator')).toBeVisible();
  // Their group grants one entity: the BFF lists no other.
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: { name: string }[] };
  expect(data.map((e) => e.name)).toEqual(['Acme Trading GmbH']);

  const cookies = await context.cookies();
  const bff = cookies.filter((c) => c.domain === '127.0.0.1' && c.name.startsWith('sync-desk'));
  // The session cookie of a password sign-in; the flow's cookie is gone.
  expect(bff).toEqual([
    expect.objectContaining({ name: 'sync-desk-session', httpOnly: true, sameSite: 'Strict' }),
  ]);
  expect(csp).toEqual([]);
});

test('an admin signs in through the identity provider and signs out of both', async ({ page }) => {
  const csp = watchCsp(page);
  await page.goto('/');
  await signInThroughProvider(page, 'Ada Admin');
  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}\/records/);
  await expect(header(page).getByText('ada.admin@example.com')).toBeVisible();
  await expect(header(page).getByText('Admin', { exact: true })).toBeVisible();
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: unknown[] };
  expect(data).toHaveLength(2);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // RP-initiated sign-out: the provider asks, then sends the browser back to Sync Desk's sign-in.
  await expect(page).toHaveURL(new RegExp(`^${OIDC_URL}/`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await (await page.request.get('/api/session')).json()).user).toBeNull();

  // Signed out at the provider too: it asks who to be again instead of signing Ada straight back in.
  await page.getByRole('link', { name: 'Sign in with Demo SSO' }).click();
  await expect(page.getByRole('heading', { name: 'Demo identity provider' })).toBeVisible();
  expect(csp).toEqual([]);
});

test('someone whose groups grant nothing is signed in and told to ask an admin, not shown an error', async ({
  page,
}) => {
  await page.goto('/');
  await signInThroughProvider(page, 'Nia Newcomer');
  await expect(page.getByRole('heading', { name: 'No access yet — ask an admin' })).toBeVisible();
  await expect(header(page).getByText('nia.newcomer@example.com')).toBeVisible();
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: unknown[] };
  expect(data).toEqual([]);
});

test('a cancelled sign-in comes back to the sign-in page saying so', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with Demo SSO' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=oidc_denied/);
  await expect(page.getByRole('alert')).toHaveText('The identity provider did not sign you in.');
});
