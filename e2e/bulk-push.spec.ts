import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

const dataRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });
const panel = (page: Page) => page.getByRole('region', { name: 'Bulk push' });

test('push every failed Railz record, follow the job through a reload, keep the failures selected', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, 'operator');
  await page.goto('/');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: /^Provider/ }).click();
  await page.getByRole('checkbox', { name: /Railz/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/provider=railz/);
  // The previous list stays up while the filtered one loads: read the count once it has.
  await expect(dataRows(page).filter({ hasNotText: 'Railz' })).toHaveCount(0);
  const total = Number((await page.getByText(/^[\d,]+ failed records?$/).textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(50);

  await page.getByRole('checkbox', { name: 'Select all loaded records' }).check();
  await page.getByRole('button', { name: `Select all ${total} records matching these filters` }).click();
  await page.getByRole('button', { name: `Push selected (${total})` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Push ${total} records?`);
  await expect(dialog).toContainText(`${total} failed`);
  await dialog.getByRole('button', { name: `Push ${total} records` }).click();

  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByRole('progressbar', { name: 'Push progress' })).toBeVisible();
  // A reload mid-job shows the same job again.
  await page.reload();
  await expect(panel(page)).toBeVisible({ timeout: 15_000 });

  await expect(panel(page)).toContainText(/Done: [\d,]+ pushed/, { timeout: 60_000 });
  const summary = (await panel(page).textContent())!;
  const failed = Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  expect(failed).toBeGreaterThan(0);
  // The failures stay selected, ready for another try, and the list shows them with their new errors.
  await expect(page.getByRole('button', { name: `Push selected (${failed})` })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${failed} failed records?$`))).toBeVisible();
});
