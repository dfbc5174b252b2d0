import { expect, test } from '@playwright/test';
import { openRecords, retryableFailures, rows, signInAs } from './helpers';

test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

test('failed Codat records: filter, push one, watch it settle, reload keeps the filter', async ({ page }) => {
  await openRecords(page);
  await expect(page.getByText(/\d+ failed records?/)).toBeVisible();

  await page.getByRole('button', { name: /^Provider/ }).click();
  await page.getByRole('checkbox', { name: /Codat/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/provider=codat/);
  // Every row in view at once: the virtual list renders rows afresh as it updates.
  await expect(async () => {
    const texts = await rows(page).allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((text) => !text.includes('Codat') || !text.includes('Failed'))).toEqual([]);
  }).toPass({ timeout: 10_000 });

  // One a retry may help: its Push goes out without asking.
  await page.goto(await retryableFailures(page, '&provider=codat'));
  const objectId = (await rows(page).first().getByRole('link').getAttribute('title'))!;
  await expect(rows(page).first()).toContainText('Retry may help');
  const row = rows(page).filter({ has: page.locator(`[title="${objectId}"]`) });
  await row.getByRole('button', { name: 'Push' }).click();
  await expect(row.getByText('Pending')).toBeVisible();
  await expect(row.getByRole('button', { name: /Push/ })).toBeDisabled();
  // The simulator settles a push after DEMO_PUSH_DELAY_MS (1.5 s): done, or failed with a new error.
  await expect(page.getByText(/Pushed — now done|Push failed:/)).toBeVisible({ timeout: 15_000 });

  await page.reload();
  await expect(page).toHaveURL(/provider=codat/);
  await expect(page.getByRole('button', { name: /^Provider · Codat/ })).toBeVisible();
  await expect(rows(page).first()).toContainText('Codat');
});

test("record details lead with the provider's words", async ({ page }) => {
  await openRecords(page);
  const firstError = (await rows(page).first().locator('td span[title].text-red-700').getAttribute('title'))!;
  await rows(page).first().getByRole('link').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  const errors = drawer.getByRole('region', { name: 'Errors' });
  // Codat and Railz both put the platform's words in validation.errors[], beside the field they
  // name: the row's error is the drawer's first item, "field — message".
  await expect(errors.getByRole('listitem').first()).toContainText(firstError);
  await expect(drawer.getByRole('button', { name: 'Push' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page).toHaveURL(/\/records(\?|$)/);
});

test('back and forward restore the filters', async ({ page }) => {
  await openRecords(page);
  await page.getByRole('button', { name: /^Platform/ }).click();
  await page.getByRole('checkbox', { name: /^Xero/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/platform=xero/);
  await page.goBack();
  await expect(page).not.toHaveURL(/platform=xero/);
  await page.goForward();
  await expect(page).toHaveURL(/platform=xero/);
  await expect(rows(page).first()).toContainText('Xero');
});
