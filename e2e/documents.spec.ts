import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './helpers';

test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

const rows = (page: Page) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: /Push/ }) });

/** The BFF reads documents in the background after its first scan: reload until invoices are named. */
async function openNamedRecords(page: Page, url = '/') {
  await page.goto(url);
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  await expect(async () => {
    await page.reload();
    await expect(
      rows(page)
        .getByRole('link', { name: /^Invoice \S+$/ })
        .first(),
    ).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

test('find a failed invoice by number and by customer, and read its cause and what to fix', async ({
  page,
}) => {
  await openNamedRecords(page);
  const row = rows(page)
    .filter({ has: page.getByRole('link', { name: /^Invoice \S+$/ }) })
    .first();
  const name = (await row.getByRole('link').textContent())!;
  const number = name.replace('Invoice ', '');
  const customer = (await row.locator('td').nth(1).locator('span.text-xs').textContent())!.split(' · ')[0]!;

  const search = page
    .getByRole('searchbox', { name: 'Search records' })
    .or(page.getByLabel('Search records'));
  await search.fill(number);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(number)}`));
  await expect(rows(page).getByRole('link', { name })).toBeVisible();
  await search.fill(customer);
  await expect(rows(page).getByRole('link', { name }).first()).toBeVisible();

  await rows(page).getByRole('link', { name }).first().click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText(/^Status in Monite: /)).toBeVisible();
  const errors = drawer.getByRole('region', { name: 'Errors' });
  await expect(errors.getByText(/^(Retry may help|Fix first|Not recognised)$/)).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Copy Object ID' })).toBeVisible();
});

test('push all of one group through the groups panel', async ({ page }) => {
  await openNamedRecords(page);
  await page.getByText(/^Failures by cause: /).click();
  const groups = page.getByRole('list', { name: 'Failures by cause' });
  const first = groups.getByRole('listitem').first();
  const label = (await first.getByRole('button', { name: /^Show only / }).textContent())!;
  const count = Number((await first.locator('span').first().textContent())!.replace(/\D/g, ''));

  await first.getByRole('button', { name: /^Show only / }).click();
  await expect(page).toHaveURL(/error_group=/);
  await expect(
    page.getByText(new RegExp(`^${count.toLocaleString('en-US')} failed records?$`)),
  ).toBeVisible();

  await groups
    .getByRole('button', {
      name: `Push all ${count.toLocaleString('en-US')} record${count === 1 ? '' : 's'} in ${label}`,
    })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Push ${count.toLocaleString('en-US')} record`);
  const fixed = dialog.getByRole('checkbox', { name: 'I fixed these causes' });
  if (await fixed.count()) await fixed.check();
  await dialog.getByRole('button', { name: /^Push \d/ }).click();
  const panel = page.getByRole('region', { name: 'Bulk push' });
  await expect(panel).toBeVisible();
  // The other tests share this entity: stop the job rather than wait for it.
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toContainText(/Cancelled:|Done:/, { timeout: 30_000 });
});

test('a done record asks before it is pushed again', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  await page.goto(`${new URL(page.url()).pathname}?sync_status=done`);
  await rows(page).first().getByRole('button', { name: 'Push' }).click();
  const dialog = page.getByRole('dialog', { name: /again\?$/ });
  await expect(dialog).toContainText('already synced');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
