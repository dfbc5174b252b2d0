import { expect, test, type Page } from '@playwright/test';
import type { EntitySummary, RecordsPage } from '../src/contract/api';
import { holdTheApp, rows, signInAs } from './helpers';

/** A records page of the first entity, filtered, once the first scan is done. */
async function codatRecords(page: Page) {
  await signInAs(page, 'operator');
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: EntitySummary[] };
  const url = `/entities/${data[0]!.id}/records?provider=codat`;
  // Once the first scan is done: while it runs, the page asks for its rows again every second.
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api${url}&limit=1`)).json()) as RecordsPage).mirror.state,
      { timeout: 30_000 },
    )
    .toBe('ready');
  return { url, list: `/api${url.replace('?', '?sync_status=error&')}&sort=-updated_at&limit=50` };
}

test("a records page shows its first rows before the app's code has arrived, and the app takes them over", async ({
  page,
}) => {
  const { url, list } = await codatRecords(page);
  const { asked, release } = await holdTheApp(page, url);
  await page.goto(url, { waitUntil: 'commit' });
  // Drawn by the BFF: seen, but inert and hidden from assistive technology until the app's own.
  const drawn = page.locator('#first-screen tbody tr a');
  await expect(drawn.first()).toBeVisible();
  await expect(rows(page)).toHaveCount(0);
  const firstName = await drawn.first().textContent();
  await expect(page.locator('#first-screen')).toHaveAttribute('inert');

  release();
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#first-screen')).toHaveCount(0);
  await expect(page.locator('main tbody tr a').first()).toHaveText(firstName!);
  // The app took the answers the page came with instead of asking again.
  expect(asked.filter((path) => path === '/api/session' || path.startsWith(list.split('?')[0]!))).toEqual([]);
  await expect(page.getByRole('button', { name: /^Provider · Codat/ })).toBeVisible();
});

test("without a first screen (a record's drawer), a records page asks for its session, rows and code before the app's own code has arrived", async ({
  page,
}) => {
  const { url, list } = await codatRecords(page);
  const [record] = ((await (await page.request.get(list)).json()) as RecordsPage).data;
  const drawerUrl = url.replace('?', `/${record!.id}?`);
  const { asked, appEntry, release } = await holdTheApp(page, drawerUrl);

  await page.goto(drawerUrl, { waitUntil: 'commit' });
  await expect
    .poll(() => asked)
    .toEqual(expect.arrayContaining(['/api/session', list, expect.stringMatching(/\/records-[^/]+\.js$/)]));
  expect(asked).toContain(appEntry);

  release();
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  const sent = [...asked];
  // The app took those answers instead of asking again.
  expect(sent.filter((path) => path === '/api/session')).toHaveLength(1);
  expect(sent.filter((path) => path.startsWith(`${list.split('?')[0]}?`))).toEqual([list]);
  await expect(page.getByRole('button', { name: /^Provider · Codat/ })).toBeVisible();
});
