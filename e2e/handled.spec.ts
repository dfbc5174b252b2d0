import { expect, test } from '@playwright/test';
import { rows, signInAs } from './helpers';

test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

test('mark a failure "do not send": it leaves the queue, shows under Handled, and Undo brings it back', async ({
  page,
}) => {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  const objectId = (await rows(page).first().getByRole('link').getAttribute('title'))!;
  const row = rows(page).filter({ has: page.locator(`[title="${objectId}"]`) });

  await row.getByRole('link').click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('button', { name: 'Mark as handled…' }).click();
  await drawer.getByRole('radio', { name: /Do not send/ }).check();
  await drawer.getByRole('textbox', { name: 'Reason' }).fill('Entered by hand in Xero');
  await drawer.getByRole('button', { name: 'Mark as handled' }).click();
  const handled = drawer.getByRole('region', { name: 'Handled' });
  await expect(handled).toContainText('Do not send');
  await expect(handled).toContainText('operator@example.com');
  await page.keyboard.press('Escape');
  await expect(row).toHaveCount(0);

  await page.getByRole('tab', { name: /^Handled/ }).click();
  await expect(page).toHaveURL(/handled=only/);
  await expect(row).toContainText('Entered by hand in Xero');
  await row.getByRole('link').click();
  await drawer.getByRole('button', { name: 'Undo' }).click();
  await expect(drawer.getByRole('button', { name: 'Mark as handled…' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row).toHaveCount(0);

  await page.getByRole('tab', { name: 'To do' }).click();
  await expect(page).not.toHaveURL(/handled=/);
  await expect(row).toBeVisible();
});
