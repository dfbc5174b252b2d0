import { expect, test, type Locator } from '@playwright/test';
import { COLOR_SCHEME_STORAGE_KEY } from '../src/app/lib/color-scheme';
import type { EntitySummary } from '../src/contract/api';
import { holdTheApp, signInAs } from './helpers';

/** How light an element's background is, 0 (black) to 1 (white): relative luminance of its sRGB colour. */
const backgroundLuminance = (locator: Locator) =>
  locator.evaluate((el) => {
    // The computed colour may be oklch(): a canvas turns any CSS colour into sRGB bytes.
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = getComputedStyle(el).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });

test.describe('a system set to dark', () => {
  test.use({ colorScheme: 'dark' });

  test('gets dark pages: sign-in, and the records page with its surfaces', async ({ page }) => {
    await page.goto('/sign-in');
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Sign in' }) });
    await expect(card).toBeVisible();
    expect(await backgroundLuminance(page.locator('main'))).toBeLessThan(0.05);
    expect(await backgroundLuminance(card)).toBeLessThan(0.05);

    await signInAs(page, 'operator');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Synced records' })).toBeVisible();
    expect(await backgroundLuminance(page.locator('body'))).toBeLessThan(0.05);
    expect(await backgroundLuminance(page.locator('header').first())).toBeLessThan(0.05);
  });
});

test.describe('before any script has run', () => {
  test.use({ colorScheme: 'dark', javaScriptEnabled: false });

  test("the page is already dark when the system is: no white flash while the app's script loads", async ({
    page,
  }) => {
    await page.goto('/sign-in');
    expect(await backgroundLuminance(page.locator('body'))).toBeLessThan(0.05);
  });
});

test('a remembered choice is in place before the app first renders', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript((key) => {
    localStorage.setItem(key, 'dark');
    // The scheme at the moment the app first puts anything on the page.
    new MutationObserver((_, observer) => {
      if (!document.getElementById('root')?.firstChild) return;
      document.documentElement.dataset.schemeAtFirstRender = document.documentElement.dataset.colorScheme;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, COLOR_SCHEME_STORAGE_KEY);
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-scheme-at-first-render', 'dark');
});

test('the theme picked in the top bar outlasts a reload, whatever the system says', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await signInAs(page, 'operator');
  await page.goto('/audit');
  const body = page.locator('body');
  const theme = page.getByRole('navigation', { name: 'Main' }).getByLabel('Theme');
  await expect(theme).toHaveValue('system');
  expect(await backgroundLuminance(body)).toBeGreaterThan(0.9);

  await theme.selectOption('Dark');
  expect(await backgroundLuminance(body)).toBeLessThan(0.05);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(theme).toHaveValue('dark');
  expect(await backgroundLuminance(body)).toBeLessThan(0.05);

  // Back to following the system, which can change under the page.
  await theme.selectOption('System');
  expect(await backgroundLuminance(body)).toBeGreaterThan(0.9);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => backgroundLuminance(body)).toBeLessThan(0.05);
});

test("a records page's first screen, drawn by the BFF, is in the theme picked before the app's code runs", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await signInAs(page, 'operator');
  await page.goto('/audit');
  await page.getByRole('navigation', { name: 'Main' }).getByLabel('Theme').selectOption('Dark');
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: EntitySummary[] };
  const url = `/entities/${data[0]!.id}/records`;

  const { release } = await holdTheApp(page, url);
  await page.goto(url, { waitUntil: 'commit' });
  await expect(page.locator('#first-screen tbody tr').first()).toBeVisible();
  expect(await backgroundLuminance(page.locator('#first-screen'))).toBeLessThan(0.05);
  release();
});
