/**
 * The README's screenshots, taken from the real product in demo mode: `npm run screenshots`.
 * Not part of `npm test` (its own Playwright project): it writes into docs/ and asserts nothing
 * beyond what it needs to find on the page.
 */
import { expect, test } from '@playwright/test';
import { openNamedRecords, rows, signInAs } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('records page: documents, and failures by cause with what a retry can do', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1300 });
  await signInAs(page, 'operator');
  await openNamedRecords(page);
  const url = new URL(page.url());
  url.searchParams.set('platform', 'xero');
  url.searchParams.set('object_type', 'receivable');
  await page.goto(url.pathname + url.search);
  await page.getByText(/^Failures by cause: /).click();
  await page.screenshot({ path: 'docs/records-page.png' });
});

test("record details: the provider's words, what to fix, the document and its history", async ({ page }) => {
  await signInAs(page, 'operator');
  await openNamedRecords(page);
  const invoice = rows(page)
    .filter({ hasText: 'Fix first' })
    .getByRole('link', { name: /^Invoice \S+$/ })
    .first();
  await page.goto((await invoice.getAttribute('href'))!);
  await expect(
    page
      .getByRole('dialog')
      .getByText(/^Fix first$/)
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: 'docs/record-details.png' });
});
