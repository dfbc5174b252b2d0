import { expect, test, type Page } from '@playwright/test';
import type { ListedRecord } from '../src/contract/api';
import { majorUnits } from '../src/contract/documents';
import { openNamedRecords, signInAs } from './helpers';

test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

/** The table's record rows on screen, top to bottom (the virtual list's spacers have no index). */
const tableRows = (page: Page) => page.locator('tbody tr[data-index]');
const table = (page: Page) => page.getByRole('table');

/** How the BFF lists the records of the rows on screen, in screen order. */
async function shownRecords(page: Page): Promise<ListedRecord[]> {
  const hrefs = await tableRows(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return Promise.all(
    hrefs.map(async (href) => {
      const [, entityId, id] = /\/entities\/([0-9a-f-]{36})\/records\/([0-9a-f-]{36})/.exec(href)!;
      return (await (
        await page.request.get(`/api/entities/${entityId}/records/${id}`)
      ).json()) as ListedRecord;
    }),
  );
}

/** A status label's place from A: Done, Failed, Pending. */
const rank = (label: string) => ['Done', 'Failed', 'Pending'].indexOf(label.trim());

const amountOf = ({ document: doc }: ListedRecord) => {
  const money =
    doc && ('total' in doc ? doc.total : 'price' in doc ? doc.price : 'amount' in doc ? doc.amount : null);
  return money ? Number(majorUnits(money)) : null;
};

test('sort failed records by amount, largest first, then every record by status, both ways', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openNamedRecords(page);

  await table(page).getByRole('combobox', { name: 'Sort records by' }).selectOption('Amount');
  await expect(page).toHaveURL(/[?&]sort=-amount(&|$)/);
  await expect(table(page).getByRole('columnheader', { name: 'Record', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(
    table(page).getByRole('button', { name: 'Sort by Record, sorted largest first' }),
  ).toBeVisible();
  await expect(async () => {
    const amounts = (await shownRecords(page)).map(amountOf);
    expect(amounts.length).toBeGreaterThan(5);
    const valued = amounts.filter((a) => a !== null);
    // Largest first; records without an amount (none read yet, or none to read) last.
    expect(valued).toEqual(valued.toSorted((a, b) => b - a));
    expect(amounts.slice(0, valued.length)).toEqual(valued);
    expect(valued[0]).toBeGreaterThan(valued.at(-1)!);
  }).toPass({ timeout: 10_000 });

  // Every status, by status: Done, Failed, Pending from A, then the other way.
  await page.goto(page.url().replace(/\?.*$/, '?sync_status=&sort=-amount'));
  await table(page)
    .getByRole('button', { name: /^Sort by Status/ })
    .click();
  await expect(page).toHaveURL(/[?&]sort=sync_status(&|$)/);
  await expect(table(page).getByRole('columnheader', { name: 'Status', exact: true })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const statuses = () => tableRows(page).locator('td:nth-child(3)').allTextContents();
  await expect.poll(async () => (await statuses())[0]).toBe('Done');

  await table(page)
    .getByRole('button', { name: /^Sort by Status/ })
    .press('Enter');
  await expect(page).toHaveURL(/[?&]sort=-sync_status(&|$)/);
  await expect(table(page).getByRole('columnheader', { name: 'Status', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect.poll(async () => (await statuses())[0]).not.toBe('Done');
  const shown = await statuses();
  expect(shown.map(rank)).toEqual(shown.map(rank).toSorted((a, b) => b - a));
});
