import { expect, test } from '@playwright/test';
import { DEMO, openRecords, rows, signInAs } from './helpers';

// A common laptop screen: the table must fit it without scrolling sideways.
test.use({ viewport: { width: 1440, height: 900 } });
test.beforeEach(async ({ page }) => signInAs(page, 'operator'));

test('the error column takes the width left, two lines at most, the whole message on hover', async ({
  page,
}) => {
  await openRecords(page);
  // The list's own scroll box (the table's parent), not the page's main landmark around it.
  const list = page.getByRole('table').locator('..');
  const overflow = await list.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBe(0);

  const message = rows(page).first().locator('td span[title].text-red-700');
  const full = (await message.getAttribute('title'))!;
  expect(await message.textContent()).toBe(full);
  const clamp = await message.evaluate((el) => getComputedStyle(el).webkitLineClamp);
  expect(clamp).toBe('2');
  // It spreads over what the other columns leave: the widest column of the row.
  const widths = await rows(page)
    .first()
    .locator('td')
    .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
  const cell = (await message.locator('xpath=ancestor::td').boundingBox())!;
  expect(cell.width).toBe(Math.max(...widths));
});

test("a record's details: sentences first, raw JSON on demand, then a push in its history by the signed-in person", async ({
  page,
}) => {
  await openRecords(page);
  // One a retry may help: its Push goes out without asking. Codat's, and the page's last: earlier
  // specs push every Railz failure, and a pushed record that failed again is updated, so on top.
  await page.goto(`${new URL(page.url()).pathname}?provider=codat`);
  await expect(rows(page).filter({ hasNotText: 'Codat' })).toHaveCount(0);
  await rows(page).filter({ hasText: 'Retry may help' }).last().getByRole('link').click();
  const drawer = page.getByRole('dialog');
  // The provider's words and the cause lead.
  await expect(drawer.getByRole('region').first()).toHaveAccessibleName('Errors');
  await expect(drawer.getByRole('region', { name: 'Errors' })).toContainText('Retry may help');
  // Earlier tests may have pushed it already: its history, before this test's push.
  const history = drawer.getByRole('list', { name: 'Push history' });
  const entries = history.getByRole('listitem');
  await expect(drawer.getByText('Never pushed from Sync Desk.').or(history)).toBeVisible();
  const before = (await history.count()) === 0 ? 0 : await entries.count();

  const width = (await drawer.boundingBox())!.width;
  const json = drawer.locator('pre');
  await expect(json).toBeHidden();
  await drawer.getByText('Raw provider JSON').click();
  await expect(json).toBeVisible();
  await expect(json).toContainText('"validation": {');
  // Long lines scroll inside the block; the drawer keeps its width.
  expect((await drawer.boundingBox())!.width).toBe(width);
  expect((await json.boundingBox())!.width).toBeLessThan(width);

  await drawer.getByRole('button', { name: 'Push' }).click();
  // The simulator settles a push after DEMO_PUSH_DELAY_MS (1.5 s): done, or failed with a new error.
  // Newest first: the push, Monite's answer, where it settled.
  await expect(entries).toHaveCount(before + 3, { timeout: 15_000 });
  const mine = (await entries.all()).slice(0, 3);
  await expect(mine[0]!).toContainText(/^(Synced by the provider|Failed at the provider)/);
  await expect(mine[2]!).toContainText('Pushed (was failed)');
  for (const entry of mine) await expect(entry).toContainText(DEMO.operator.email);
});
