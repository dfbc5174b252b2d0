import { expect, test } from '@playwright/test';
import type { EntitySummary, RecordsPage } from '../src/contract/api';
import { rows, signInAs } from './helpers';

test("a records page asks for its session, rows and code before the app's own code has arrived", async ({
  page,
}) => {
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
  // The app's entry is index.html's last module script (the early script comes before it).
  const html = await (await page.request.get(url)).text();
  const appEntry = [...html.matchAll(/<script type="module"[^>]* src="([^"]+)"/g)].at(-1)![1]!;

  const asked: string[] = [];
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url());
    asked.push(pathname + search);
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`**${appEntry}`, async (route) => {
    await held;
    await route.continue();
  });

  await page.goto(url, { waitUntil: 'commit' });
  const list = `/api${url.replace('?', '?sync_status=error&')}&sort=-updated_at&limit=50`;
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
