import { expect, test, type Page } from '@playwright/test';
import { DEMO, signInAs, watchCsp } from './helpers';
import { BFF_URL } from './ports';

const dataRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });

test('an operator signs in on the page, pushes a record and finds the push in the audit log', async ({
  page,
  context,
}) => {
  const csp = watchCsp(page);
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");

  await expect(page).toHaveURL(/\/sign-in/);
  // Demo mode lists its accounts; picking one fills the form.
  await page.getByRole('button', { name: `Use ${DEMO.operator.email}` }).click();
  await expect(page.getByLabel('Email')).toHaveValue(DEMO.operator.email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}\/records/);

  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({
    name: 'sync-desk-session',
    httpOnly: true,
    sameSite: 'Strict',
    secure: false,
  });

  // A failure a retry may help: its Push goes out without asking.
  const row = dataRows(page).filter({ hasText: 'Retry may help' }).first();
  const name = (await row.getByRole('link').first().innerText()).trim();
  await row.getByRole('button', { name: 'Push' }).click();
  // The toast comes once the provider has settled the record (demo mode: after DEMO_PUSH_DELAY_MS).
  const settledToast = page.getByText(/Pushed — now|Push failed:/);
  await expect(settledToast).toBeVisible({ timeout: 15_000 });
  const settled = (await settledToast.textContent())!;

  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/audit/);
  // Named as the records list named it.
  const entry = dataRows(page)
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .first();
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(DEMO.operator.email);
  await expect(entry).toContainText('OK');
  // The audit row tells where the record ended, not just that Monite accepted the push.
  const outcome = entry.getByLabel('settled as').locator('..');
  if (settled.startsWith('Push failed: ')) {
    await expect(outcome).toContainText('Failed');
    await expect(entry).toContainText(settled.slice('Push failed: '.length));
  } else {
    await expect(outcome).toContainText('Done');
  }
  await expect(entry).not.toContainText('waiting for Monite');
  expect(csp).toEqual([]);
});

test('a viewer sees no Push button, and a forged push is refused with 403', async ({ page }) => {
  await signInAs(page, 'viewer');
  await page.goto('/');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Push' })).toHaveCount(0);

  const href = (await dataRows(page).first().getByRole('link').getAttribute('href'))!;
  const [, entityId, recordId] = href.match(/entities\/([^/]+)\/records\/([^/?]+)/)!;
  const forged = await page.evaluate(async (url) => {
    const res = await fetch(url, { method: 'POST', headers: { 'x-sync-desk': '1' } });
    return { status: res.status, body: await res.json() };
  }, `/api/entities/${entityId}/records/${recordId}/push`);
  expect(forged.status).toBe(403);
  expect(forged.body.error.code).toBe('forbidden');
});

test('signing out closes /api; an expired session keeps the filters through sign-in', async ({
  page,
  context,
}) => {
  await signInAs(page, 'operator');
  await page.goto('/');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
  const filtered = `${new URL(page.url()).pathname}?sync_status=error&provider=railz`;
  await page.goto(filtered);
  await expect(dataRows(page).first()).toContainText('Railz');

  // The session ends behind the page's back (as an idle timeout would); the next call sends us to sign in.
  await context.clearCookies();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel('Email').fill(DEMO.operator.email);
  await page.getByLabel('Password').fill(DEMO.operator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${filtered.replace(/[?]/g, '\\?')}$`));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const closed = await page.request.get(`${BFF_URL}/api/entities`);
  expect(closed.status()).toBe(401);
});
