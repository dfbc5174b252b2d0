/**
 * The README's screenshots, taken from the real product in demo mode: `npm run screenshots`.
 * Not part of `npm test` (its own Playwright project): it writes into docs/ and asserts nothing
 * beyond what it needs to find on the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { openNamedRecords, rows, signInAs } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

/** Xero's failed invoices, with the failures-by-cause panel open. */
async function xeroInvoices(page: Page) {
  await signInAs(page, 'operator');
  await openNamedRecords(page);
  const url = new URL(page.url());
  url.searchParams.set('platform', 'xero');
  url.searchParams.set('object_type', 'receivable');
  await page.goto(url.pathname + url.search);
  await page.getByText(/^Failures by cause: /).click();
}

test('records page: documents, and failures by cause with what a retry can do', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1300 });
  await xeroInvoices(page);
  await page.screenshot({ path: 'docs/records-page.png' });
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('records page, dark: the same view as the system set to dark', async ({ page }) => {
    await xeroInvoices(page);
    await page.screenshot({ path: 'docs/records-page-dark.png' });
  });
});

test('records page on a phone: each record a card', async ({ page }) => {
  await signInAs(page, 'operator');
  await openNamedRecords(page);
  // Narrowed once the documents are named (the wait above looks for table rows).
  await page.setViewportSize({ width: 390, height: 844 });
  const cards = page.getByRole('list', { name: 'Records' }).getByRole('listitem');
  await expect(cards.getByRole('link', { name: /^Invoice \S+$/ }).first()).toBeVisible();
  await page.screenshot({ path: 'docs/records-phone.png' });
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
