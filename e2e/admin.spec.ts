import { expect, test, type Browser, type Page } from '@playwright/test';
import type { EntitySummary } from '../src/contract/api';
import { expectClean } from './a11y-states';
import { openRecords, signInAs } from './helpers';

/** A page in a browser context of its own, signed in as `role`. */
async function signedInPage(browser: Browser, role: 'admin' | 'bookkeeper'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

const entitiesOf = async (page: Page) =>
  ((await (await page.request.get('/api/entities')).json()) as { data: EntitySummary[] }).data;

test('the bookkeeper sees only their entity until an admin grants another from the Staff page', async ({
  browser,
}) => {
  const admin = await signedInPage(browser, 'admin');
  const bookkeeper = await signedInPage(browser, 'bookkeeper');
  const [first, second] = await entitiesOf(admin);

  // Only the first entity: '/' leads there, and the other one's URL is not found.
  expect((await entitiesOf(bookkeeper)).map((e) => e.id)).toEqual([first!.id]);
  await bookkeeper.goto('/');
  await expect(bookkeeper).toHaveURL(new RegExp(`/entities/${first!.id}/records`));
  await bookkeeper.goto(`/entities/${second!.id}/records`);
  await expect(bookkeeper.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect((await bookkeeper.request.get(`/api/entities/${second!.id}/records`)).status()).toBe(404);

  await openRecords(admin);
  await admin.getByRole('link', { name: 'Staff' }).click();
  await expect(admin.getByRole('heading', { name: 'Staff and access' })).toBeVisible();
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: /bookkeeper@/ }) });
  await row.getByLabel('Entity to grant bookkeeper@example.com').selectOption({ label: second!.name });
  await row.getByLabel('Role to grant bookkeeper@example.com').selectOption({ label: 'Operator' });
  await row.getByRole('button', { name: 'Grant' }).click();
  await expect(row.getByRole('list', { name: 'Entities of bookkeeper@example.com' })).toContainText(
    second!.name,
  );

  expect((await entitiesOf(bookkeeper)).map((e) => e.id)).toEqual([first!.id, second!.id]);
  await bookkeeper.goto(`/entities/${second!.id}/records`);
  await expect(bookkeeper.getByRole('button', { name: 'Push' }).first()).toBeVisible({ timeout: 15_000 });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Staff page has no accessibility violations (${colorScheme})`, async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    await admin.emulateMedia({ colorScheme });
    await admin.goto('/admin');
    await expect(admin.getByRole('rowheader', { name: /bookkeeper@/ })).toBeVisible();
    await expectClean(admin);
  });
}
