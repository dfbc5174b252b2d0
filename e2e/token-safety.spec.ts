import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { retryableFailures, signInAs } from './helpers';
import { BFF_URL, SIMULATOR_URL } from './ports';

test('the Monite bearer token never reaches the browser', async ({ page, context, request }) => {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    bodies.push(JSON.stringify(res.headers()));
    bodies.push(await res.text().catch(() => ''));
  });

  // Use the product: sign in, list, open details, push.
  await signInAs(page, 'operator');
  // A failure a retry may help: its Push goes out without asking.
  await page.goto(await retryableFailures(page));
  const retryable = page.getByRole('row').filter({ hasText: 'Retry may help' });
  await expect(retryable.first()).toBeVisible({ timeout: 15_000 });
  await retryable.first().getByRole('link').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Push' }).click();
  await expect(page.getByRole('dialog').getByText('Pending').first()).toBeVisible();

  // Every JS asset of the build, loaded or lazy: no token, and none of the token grant's fields
  // (the server-only Monite schemas stay out of the browser's code).
  const assets: string[] = [];
  for (const file of readdirSync('dist/app/assets').filter((f) => f.endsWith('.js'))) {
    assets.push(await (await request.get(`/assets/${file}`)).text());
  }
  bodies.push(...assets);
  for (const serverOnly of ['client_secret', 'grant_type']) {
    expect(
      assets.filter((js) => js.includes(serverOnly)),
      `JS assets naming ${serverOnly}`,
    ).toHaveLength(0);
  }
  const cookies = JSON.stringify(await context.cookies());
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));

  const { tokens } = (await (await request.get(`${SIMULATOR_URL}/__simulator/tokens`)).json()) as {
    tokens: string[];
  };
  expect(tokens.length).toBeGreaterThan(0);
  const leaks = (text: string) => tokens.some((token) => text.includes(token));
  expect(bodies.length).toBeGreaterThan(10);
  expect(bodies.filter(leaks), 'responses and JS assets containing a token').toHaveLength(0);
  expect(leaks(cookies), 'cookies contain a token').toBe(false);
  expect(leaks(storage), 'browser storage contains a token').toBe(false);
});

test("the identity provider's codes and tokens never reach Sync Desk's responses, cookies or browser storage", async ({
  page,
  context,
}) => {
  const codes: string[] = [];
  const bodies: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/session/oidc/callback') codes.push(url.searchParams.get('code') ?? '');
  });
  page.on('response', async (res) => {
    if (!res.url().startsWith(BFF_URL)) return;
    bodies.push(res.url(), JSON.stringify(res.headers()));
    bodies.push(await res.text().catch(() => ''));
  });

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with Demo SSO' }).click();
  await page.getByRole('button', { name: 'Sign in as Bo Bookkeeper' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const cookies = JSON.stringify(await context.cookies(BFF_URL));
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  expect(codes).toHaveLength(1);
  expect(codes[0]!.length).toBeGreaterThan(20);
  // The code only in the provider's redirect to the callback (the request), never in an answer.
  const answers = bodies.filter((text) => !text.includes('/api/session/oidc/callback?'));
  const jwt = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
  const leaks = (text: string) => text.includes(codes[0]!) || jwt.test(text) || text.includes('id_token');
  expect(answers.length).toBeGreaterThan(5);
  expect(answers.filter(leaks), 'responses with a code or token').toHaveLength(0);
  expect(leaks(cookies), 'cookies with a code or token').toBe(false);
  expect(leaks(storage), 'browser storage with a code or token').toBe(false);
});
