import { expect, test, type Page } from '@playwright/test';
import { runBulkJob } from './audit-fixtures';
import { signInAs } from './helpers';

/** How far the page, and the table's own scroll box, run past their width (0 when they fit). */
const overflow = (page: Page) =>
  page.getByRole('table').evaluate((table) => {
    const root = document.documentElement;
    const box = table.parentElement!;
    return { page: root.scrollWidth - root.clientWidth, table: box.scrollWidth - box.clientWidth };
  });

test("the audit page fits a 1,440 px window, with a bulk job's pushes and an entry's details open", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, 'operator');
  const job = await runBulkJob(page, 6);
  await page.goto('/audit');

  const group = page.getByRole('button', { name: `Bulk job ${job.id.slice(0, 8)}` });
  await expect(page.getByRole('row', { name: /Bulk push/ }).first()).toContainText('6 pushes');
  expect(await overflow(page)).toEqual({ page: 0, table: 0 });

  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  const pushes = page
    .locator(`#${await group.getAttribute('aria-controls')}`)
    .getByRole('button', { name: 'Details' });
  await expect(pushes).toHaveCount(6);
  await pushes.first().click();
  await expect(page.getByText('Monite request ID', { exact: true })).toBeVisible();
  expect(await overflow(page)).toEqual({ page: 0, table: 0 });
});
