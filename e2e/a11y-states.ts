import { expect, type Cookie, type Page } from '@playwright/test';
import type { EntitySummary } from '../src/contract/api';
import type { PushJob } from '../src/contract/push-jobs';
import { runBulkJob } from './audit-fixtures';
import { axeViolations } from './axe';
import { DEMO, signInAs } from './helpers';

/**
 * Every page and state the accessibility scan checks (issue 9), as one list so that the same walk
 * can be run again under another colour scheme. Each state signs in as it needs, brings the page
 * to the state and calls `expectClean` wherever axe should find nothing.
 */
export type PageState = { name: string; walk: (page: Page) => Promise<void> };

/** Zero violations, of any impact. */
export async function expectClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

const sessions = new Map<keyof typeof DEMO, Cookie[]>();

/**
 * Signs in once per role for the whole walk and reuses that session: sign-in is limited to 20 a
 * minute per IP, and the states (with the specs after them) would pass that.
 */
async function signedIn(page: Page, role: keyof typeof DEMO): Promise<void> {
  const saved = sessions.get(role);
  if (saved) return page.context().addCookies(saved);
  await signInAs(page, role);
  sessions.set(role, await page.context().cookies());
}

const dataRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });
const jobPanel = (page: Page) => page.getByRole('region', { name: 'Bulk push' });

/** The first entity's records page (where '/' leads), with `query` (which '/' would drop). */
async function gotoRecords(page: Page, query: string): Promise<void> {
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: EntitySummary[] };
  await page.goto(`/entities/${data[0]!.id}/records${query}`);
}

/** The first entity's records page with its rows shown (the mirror fills in the background). */
async function openRecords(page: Page, query = ''): Promise<void> {
  await gotoRecords(page, query);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
}

/** The records page of the entity `runBulkJob` pushes in. */
async function jobEntityRecords(page: Page, job: PushJob): Promise<void> {
  await page.goto(`/entities/${job.entity_id}/records`);
  await expect(jobPanel(page)).toBeVisible({ timeout: 15_000 });
}

export const PAGE_STATES: PageState[] = [
  {
    name: 'sign-in page, and its wrong-password error',
    walk: async (page) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: `Use ${DEMO.operator.email}` })).toBeVisible();
      await expectClean(page);
      await page.getByLabel('Email').fill(DEMO.operator.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toContainText(/Email or password is wrong/);
      await expectClean(page);
    },
  },
  {
    name: 'app shell with the skip link focused',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page);
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
      await expectClean(page);
    },
  },
  {
    name: 'records list',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page);
      await expectClean(page);
    },
  },
  {
    name: 'records list on a phone: cards, one ticked, one the keyboard is on',
    walk: async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signedIn(page, 'operator');
      await gotoRecords(page, '');
      const cards = page.getByRole('list', { name: 'Records' }).getByRole('listitem');
      await expect(cards.first()).toBeVisible({ timeout: 15_000 });
      const tick = cards.first().getByRole('checkbox');
      await tick.check();
      // Shortcuts wait while a form control has focus.
      await tick.blur();
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await expect(cards.nth(1)).toBeFocused();
      await expectClean(page);
    },
  },
  {
    name: 'records list, filter popover open',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page);
      await page.getByRole('button', { name: /^Provider/ }).click();
      await expect(page.getByRole('group', { name: 'Provider' })).toBeVisible();
      await expectClean(page);
    },
  },
  {
    name: 'records list, failures-by-cause panel open',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page);
      await page.getByText(/^Failures by cause/).click();
      await expect(page.getByRole('list', { name: 'Failures by cause' })).toBeVisible();
      await expectClean(page);
    },
  },
  {
    name: 'record drawer',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page, '?sync_status=error');
      await dataRows(page).first().getByRole('link').click();
      const drawer = page.getByRole('dialog');
      await expect(drawer.getByRole('heading', { name: 'Push history' })).toBeVisible();
      await expect(drawer.getByText(/Loading/)).toHaveCount(0);
      await expectClean(page);
    },
  },
  {
    name: 'record drawer, as a viewer',
    walk: async (page) => {
      await signedIn(page, 'viewer');
      await openRecords(page, '?sync_status=error');
      await dataRows(page).first().getByRole('link').click();
      const drawer = page.getByRole('dialog');
      await expect(drawer.getByText(/can't push records/)).toBeVisible();
      await expect(drawer.getByText(/Loading/)).toHaveCount(0);
      await expectClean(page);
    },
  },
  {
    name: 'single-push confirm dialog',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page, '?sync_status=done');
      await dataRows(page).first().getByRole('button', { name: 'Push' }).click();
      await expect(page.getByRole('dialog', { name: /again\?$/ })).toBeVisible();
      await expectClean(page);
    },
  },
  {
    name: 'bulk push confirm dialog',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await openRecords(page);
      await page.getByRole('checkbox', { name: 'Select all loaded records' }).check();
      await page.getByRole('button', { name: /^Push selected/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Push \d+ records\?$/ });
      await expect(dialog.getByRole('checkbox', { name: 'I fixed these causes' })).toBeVisible();
      await expectClean(page);
    },
  },
  {
    name: 'bulk push panel, running and finished with problems',
    walk: async (page) => {
      await signedIn(page, 'operator');
      const job = await runBulkJob(page, 6);
      expect(job.problems.length).toBeGreaterThan(0);
      // The job as it looked half-way: deterministic, where a real one may end mid-scan.
      await page.route('**/api/entities/*/push-jobs', async (route) => {
        if (route.request().method() !== 'GET') return route.fallback();
        const running: PushJob = {
          ...job,
          state: 'running',
          finished_at: null,
          counts: { ...job.counts, done: 1, failed: 1, queued: job.total - 2 },
          problems: job.problems.slice(0, 1),
          rate_per_second: 2.5,
          eta_seconds: 2,
        };
        await route.fulfill({ json: { data: [running] } });
      });
      await jobEntityRecords(page, job);
      await expect(jobPanel(page).getByRole('progressbar')).toBeVisible();
      await expectClean(page);

      await page.unrouteAll();
      await page.reload();
      await expect(jobPanel(page)).toContainText(/Done: /, { timeout: 15_000 });
      await jobPanel(page)
        .getByText(/^Problems:/)
        .click();
      await expect(jobPanel(page).getByRole('list')).toBeVisible();
      await expectClean(page);
    },
  },
  {
    name: 'handled tab',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await gotoRecords(page, '?handled=only');
      await expect(page.getByRole('tab', { name: /^Handled/ })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByText(/^Loading records/)).toHaveCount(0, { timeout: 15_000 });
      await expectClean(page);
    },
  },
  {
    name: 'records list, no record matches',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await gotoRecords(page, '?q=no-such-record-anywhere');
      await expect(page.getByText('No records match these filters.')).toBeVisible({ timeout: 15_000 });
      await expectClean(page);
    },
  },
  {
    name: 'records list, the BFF failing',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await page.route('**/api/entities/*/records?*', (route) =>
        route.fulfill({
          status: 500,
          json: { error: { code: 'internal_error', message: 'Something went wrong in Sync Desk.' } },
        }),
      );
      await page.goto('/');
      await expect(page.getByRole('alert')).toContainText('Could not load records', { timeout: 15_000 });
      await expectClean(page);
    },
  },
  {
    name: 'audit page: entries, a job and details open, filtered, empty, failed',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await runBulkJob(page, 3);
      await page.goto('/audit');
      const job = page.getByRole('button', { name: /Bulk job/ }).first();
      await expect(job).toBeVisible();
      await expectClean(page);

      await job.click();
      await page.getByRole('button', { name: 'Details' }).first().click();
      await expectClean(page);

      await page.getByLabel('Action').selectOption('push');
      await expect(page).toHaveURL(/action=push/);
      await page.getByLabel('Record ID').fill('not-a-record-id');
      await expect(page.getByText('Enter a whole record ID (a UUID).')).toBeVisible();
      await expectClean(page);

      await page.goto('/audit?from=2000-01-01&to=2000-01-02');
      await expect(page.getByText('No entries match these filters.')).toBeVisible();
      await expectClean(page);

      // A load that failed (a 400 is not retried): the error box.
      await page.route('**/api/audit?*', (route) =>
        route.fulfill({
          status: 400,
          json: { error: { code: 'bad_request', message: 'The filter is not one.' } },
        }),
      );
      await page.reload();
      await expect(page.getByRole('alert')).toContainText('Could not load the audit log');
      await expectClean(page);
    },
  },
  {
    name: 'not-found page',
    walk: async (page) => {
      await signedIn(page, 'operator');
      await page.goto('/no-such-page');
      await expect(page.getByText('Page not found')).toBeVisible();
      await expectClean(page);
    },
  },
];
