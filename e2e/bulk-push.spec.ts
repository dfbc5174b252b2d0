import { expect, test, type Page } from '@playwright/test';
import { northwindRecords, signInAs } from './helpers';
import { BFF_URL } from './ports';

const dataRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });
const panel = (page: Page) => page.getByRole('region', { name: 'Bulk push' });

test('push every failed Railz record, follow the job through a reload, keep the retry-may-help failures selected', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'operator');
  await page.goto('/');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: /^Provider/ }).click();
  await page.getByRole('checkbox', { name: /Railz/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/provider=railz/);
  // The previous list stays up while the filtered one loads: wait for it before reading the count.
  await expect(dataRows(page).filter({ hasNotText: 'Railz' })).toHaveCount(0);
  const total = Number((await page.getByText(/^[\d,]+ failed records?$/).textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(50);
  // Seeded pending records settle within minutes of start-up: any Railz one that fails meanwhile
  // is listed too, though no part of the job.
  const entityId = new URL(page.url()).pathname.split('/')[2]!;
  const railz = (status: string) =>
    page.request
      .get(`/api/entities/${entityId}/records?sync_status=${status}&provider=railz&limit=200`)
      .then(async (res) => ((await res.json()) as { data: { id: string }[] }).data.map((r) => r.id));
  const pendingBefore = new Set(await railz('pending'));

  await page.getByRole('checkbox', { name: 'Select all loaded records' }).check();
  await page.getByRole('button', { name: `Select all ${total} records matching these filters` }).click();
  await page.getByRole('button', { name: `Push selected (${total})` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Push ${total} records?`);
  await expect(dialog).toContainText(`${total} failed`);
  // Some need fixing first: the push waits for the person to say they fixed them.
  const push = dialog.getByRole('button', { name: `Push ${total} records` });
  await expect(push).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I fixed these causes' }).check();
  await push.click();

  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByRole('progressbar', { name: 'Push progress' })).toBeVisible();
  // A reload mid-job shows the same job again.
  await page.reload();
  await expect(panel(page)).toBeVisible({ timeout: 15_000 });

  await expect(panel(page)).toContainText(/Done: [\d,]+ pushed/, { timeout: 60_000 });
  const summary = (await panel(page).textContent())!;
  const failed = Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  expect(failed).toBeGreaterThan(0);
  // The failures a retry may help stay selected, ready for another try; the list shows all of them.
  const advice = page.getByText(/failures? a retry may help: selected/);
  await expect(advice).toBeVisible();
  const retry = Number(/^([\d,]+) failure/.exec((await advice.textContent())!)![1]!.replace(/\D/g, ''));
  expect(retry).toBeLessThan(failed);
  await expect(page.getByRole('button', { name: `Push selected (${retry})` })).toBeVisible();
  const listed = async () => {
    const settledFailed = (await railz('error')).filter((id) => pendingBefore.has(id)).length;
    return page.getByText(new RegExp(`^${failed + settledFailed} failed records?$`)).count();
  };
  await expect.poll(listed).toBe(1);
});

test('push only the failures a retry may help of a mixed selection; the ones to fix first stay', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signInAs(page, 'operator');
  // Northwind's failed customers: a few a retry may help (a stale object, an internal error), the
  // others fail again until fixed.
  await page.goto(`${await northwindRecords(page)}?object_type=customer`);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
  const total = await dataRows(page).count();
  await page.getByRole('checkbox', { name: 'Select all loaded records' }).check();
  await page.getByRole('button', { name: `Push selected (${total})` }).click();

  const dialog = page.getByRole('dialog', { name: `Push ${total} records?` });
  const count = async (label: string) =>
    Number(await dialog.getByText(label, { exact: true }).locator('+ dd').textContent());
  const retry = await count('Retry may help');
  const fixFirst = await count('Fix first');
  expect(retry).toBeGreaterThan(0);
  expect(retry + fixFirst).toBe(total);
  await expect(dialog.getByRole('button', { name: `Push ${total} records` })).toBeDisabled();
  await dialog.getByRole('button', { name: `Push only the ${retry} where a retry may help` }).click();

  const records = `record${retry === 1 ? '' : 's'}`;
  await expect(panel(page)).toContainText(`Pushing ${retry} ${records}`);
  await expect(panel(page)).toContainText(/Done: /, { timeout: 45_000 });
  const summary = /Done: (\d+) pushed — (\d+) done, (\d+) failed, (\d+) skipped/.exec(
    (await panel(page).textContent())!,
  );
  expect(summary?.[1]).toBe(String(retry));
  // Those to fix first were not sent: they are still here, with any a retry did not mend.
  await expect(dataRows(page)).toHaveCount(fixFirst + Number(summary![3]));
  await expect(dataRows(page).filter({ hasText: 'Fix first' })).toHaveCount(fixFirst);
});

test('asking for a push while one runs follows that job, calmly, never a red 409', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, 'operator');
  const posts: number[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'POST' && request.url().endsWith('/push-jobs')) posts.push(response.status());
  });
  const records = await northwindRecords(page);
  const entityId = records.split('/')[2]!;
  await page.goto(`${records}?object_type=vendor`);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });

  await dataRows(page).nth(0).getByRole('checkbox').check();
  await dataRows(page).nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Push selected (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Push 2 records?' });
  await expect(dialog).toBeVisible();
  const fixed = dialog.getByRole('checkbox', { name: 'I fixed these causes' });
  if (await fixed.isVisible()) await fixed.check();

  // Meanwhile the same person's first click (here from another tab) started a job, which this
  // page has not seen yet: its confirmation is what a second click meets.
  const list = await page.request.get(
    `/api/entities/${entityId}/records?sync_status=error&object_type=vendor&limit=2`,
  );
  const ids = ((await list.json()) as { data: { id: string }[] }).data.map((r) => r.id);
  const first = await page.request.post(`/api/entities/${entityId}/push-jobs`, {
    headers: { 'x-sync-desk': '1', origin: BFF_URL },
    data: { ids },
  });
  expect(first.status()).toBe(201);
  await dialog.getByRole('button', { name: 'Push 2 records' }).dblclick();

  // One request (the button is disabled by the second click), refused as a job is running: the
  // page follows that job instead of blaming the person.
  await expect(panel(page)).toContainText('A push of this entity is already running — following it.');
  expect(posts).toEqual([409]);
  await expect(panel(page)).toContainText('Started by you');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/is already pushing records/)).toHaveCount(0);
  await expect(panel(page)).toContainText(/Done: 2 pushed/, { timeout: 45_000 });
});
