import { expect, type Page } from '@playwright/test';
import type { EntitySummary, RecordsPage } from '../src/contract/api';
import { BFF_URL } from './ports';

/** Demo mode's seeded staff accounts (src/bff/auth/demo-accounts.ts). */
export const DEMO = {
  operator: { email: 'operator@example.com', password: 'demo-operator-password' },
  viewer: { email: 'viewer@example.com', password: 'demo-viewer-password' },
  admin: { email: 'admin@example.com', password: 'demo-admin-password' },
  /** Operator of the first entity only. */
  bookkeeper: { email: 'bookkeeper@example.com', password: 'demo-bookkeeper-password' },
} as const;

/** Fails the test on any Content-Security-Policy violation the browser reports. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

/** Signs in through the BFF's API, as the sign-in page does; the cookie lands in the page's context. */
export async function signInAs(page: Page, role: keyof typeof DEMO): Promise<void> {
  const res = await page.request.post('/api/session', {
    headers: { 'x-sync-desk': '1', origin: BFF_URL },
    data: DEMO[role],
  });
  if (!res.ok()) throw new Error(`Sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
}

/**
 * The records page of the demo's second entity, Northwind Studio (shown as its owner, Nora
 * Winters), for tests whose pushes should not meet the many made in the first one.
 */
export async function northwindRecords(page: Page): Promise<string> {
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: EntitySummary[] };
  const entity = data.find((e) => /Northwind|Nora Winters/.test(e.name));
  if (!entity) throw new Error(`No Northwind entity in ${JSON.stringify(data)}`);
  return `/entities/${entity.id}/records`;
}

/** Rows of the records table (the header row has no Push button). */
export const rows = (page: Page) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: /Push/ }) });

/** The first entity's records page, once its first rows are shown. */
export async function openRecords(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}\/records/);
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
}

/**
 * The first entity's failures (with `filters`, e.g. `&provider=codat`) narrowed to the groups a
 * retry may help, so their first page shows one however many of them earlier tests pushed.
 */
export async function retryableFailures(page: Page, filters = ''): Promise<string> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}\/records/);
  const path = new URL(page.url()).pathname;
  const view = `${path}?sync_status=error${filters}`;
  const { error_groups } = (await (await page.request.get(`/api${view}&limit=1`)).json()) as RecordsPage;
  const retry = Object.keys(error_groups).filter((key) => error_groups[key]!.class === 'retry');
  if (retry.length === 0) throw new Error(`No failure a retry may help in ${view}`);
  return `${view}&error_group=${retry.join(',')}`;
}

/** The BFF reads documents in the background after its first scan: reload until invoices are named. */
export async function openNamedRecords(page: Page, url = '/'): Promise<void> {
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

/** Every request the page sends (path and query), and the app's entry held back until `release`. */
export async function holdTheApp(page: Page, url: string) {
  // The app's code: the chunk vite.config.ts names `app`, preloaded by index.html. Its entry script
  // only imports it, and so do the records page's chunks the early script loads: held, nothing runs it.
  const html = await (await page.request.get(url)).text();
  const appEntry = /<link rel="modulepreload"[^>]* href="(\/assets\/app-[^"]+\.js)"/.exec(html)![1]!;
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
  return { asked, appEntry, release };
}
