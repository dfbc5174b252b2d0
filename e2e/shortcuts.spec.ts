import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

/** The table's record rows (spacer rows are hidden from the accessibility tree). */
const dataRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });
const current = (page: Page) => page.locator('tr[aria-selected="true"]');
const live = (page: Page) => page.locator('main p[aria-live="polite"].sr-only');

async function openRecords(page: Page, query: string) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}\/records/);
  await page.goto(`${new URL(page.url()).pathname}?${query}`);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
}

test('keyboard only: move past the first page, tick, open and come back to the same place', async ({
  page,
}) => {
  // The failed records (hundreds; they hold still, unlike pending ones the demo settles meanwhile),
  // of which only the rows in view are in the DOM.
  await openRecords(page, 'sync_status=error');
  for (let i = 0; i < 50; i++) await page.keyboard.press('j');
  await expect(live(page)).toHaveText(/^Row 50 of /);
  // At the last loaded row the next page comes in (infinite scroll), and j goes on into it.
  await expect(page.locator('tr[aria-rowindex="55"]')).toBeAttached();
  for (let i = 0; i < 10; i++) await page.keyboard.press('j');
  await expect(live(page)).toHaveText(/^Row 60 of [\d,]+: .+/);
  await expect(current(page)).toHaveAttribute('aria-rowindex', '61');
  await expect(current(page)).toBeFocused();
  await expect(current(page)).toBeInViewport();
  expect(await dataRows(page).count()).toBeLessThan(60);

  await page.keyboard.press('x');
  await expect(current(page).getByRole('checkbox')).toBeChecked();
  await expect(page.getByRole('region', { name: 'Bulk actions' })).toContainText('1 selected');

  const list = page.locator('[data-scroller]');
  const scrolled = await list.evaluate((el) => el.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  const name = (await current(page).getByRole('link').textContent())!;
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(name);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  // Back at the same row, in view: focus returns to its link, which may scroll it by less than a
  // row to show it whole.
  await expect(current(page)).toHaveAttribute('aria-rowindex', '61');
  await expect(current(page)).toBeInViewport();
  const rowHeight = (await current(page).boundingBox())!.height;
  const moved = Math.abs((await list.evaluate((el) => el.scrollTop)) - scrolled);
  expect(moved).toBeLessThanOrEqual(rowHeight);

  await page.keyboard.press('k');
  await expect(live(page)).toHaveText(/^Row 59 of /);
});

test('keyboard only: p asks first for a done record, / searches, ? lists the shortcuts', async ({ page }) => {
  await openRecords(page, 'sync_status=done');
  await page.keyboard.press('j');
  await page.keyboard.press('p');
  const ask = page.getByRole('dialog', { name: /^Push .+ again\?$/ });
  await expect(ask).toBeVisible();
  // Shortcuts wait while a dialog is open.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();

  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search records' });
  await expect(search).toBeFocused();
  await page.keyboard.type('jk');
  await expect(search).toHaveValue('jk');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Next row');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
