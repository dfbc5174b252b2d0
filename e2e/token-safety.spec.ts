import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { retryableFailures, signInAs } from './helpers';
import { SIMULATOR_URL } from './ports';

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
