/**
 * The README's screenshots, taken from the real product in demo mode: `npm run screenshots`.
 * Not part of `npm test` (its own Playwright project): it writes into docs/ and asserts nothing
 * beyond what it needs to find on the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

const rows = (page: Page) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: /Push/ }) });

/** The BFF names documents in the background after its first scan: reload until it has. */
async function openNamedRecords(page: Page, search = '') {
  await signInAs(page, 'operator');
  await page.goto(`/${search}`);
  await expect(async () => {
    await page.reload();
    await expect(
      rows(page)
        .getByRole('link', { name: /^Invoice \S+$/ })
        .first(),
    ).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

test('records page: documents, and failures by cause with what a retry can do', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1300 });
  await openNamedRecords(page);
  const url = new URL(page.url());
  url.searchParams.set('platform', 'xero');
  url.searchParams.set('object_type', 'receivable');
  await page.goto(url.pathname + url.search);
  await page.getByText(/^Failures by cause: /).click();
  await page.screenshot({ path: 'docs/records-page.png' });
});

test("record details: the provider's words, what to fix, the document and its history", async ({ page }) => {
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
