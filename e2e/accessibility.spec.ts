import { expect, test } from '@playwright/test';
import { runBulkJob } from './audit-fixtures';
import { axeViolations } from './axe';
import { DEMO, signInAs } from './helpers';

// Zero axe violations, of any impact (issue 9), in the light scheme and the dark one (the system's
// setting, emulated). The records page, its drawer and dialogs are checked by their own specs.

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('the sign-in page, and its wrong-password error, have no accessibility violations', async ({
      page,
    }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: `Use ${DEMO.operator.email}` })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Email').fill(DEMO.operator.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toContainText(/Email or password is wrong/);
      expect(await axeViolations(page)).toEqual([]);
    });

    test('the audit page has no accessibility violations: entries, a job and details open, filtered, empty, failed', async ({
      page,
    }) => {
      test.setTimeout(60_000);
      await signInAs(page, 'operator');
      await runBulkJob(page, 3);
      await page.goto('/audit');
      const job = page.getByRole('button', { name: /Bulk job/ }).first();
      await expect(job).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      await job.click();
      await page.getByRole('button', { name: 'Details' }).first().click();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Action').selectOption('push');
      await expect(page).toHaveURL(/action=push/);
      await page.getByLabel('Record ID').fill('not-a-record-id');
      await expect(page.getByText('Enter a whole record ID (a UUID).')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      await page.goto('/audit?from=2000-01-01&to=2000-01-02');
      await expect(page.getByText('No entries match these filters.')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      // A load that failed (a 400 is not retried): the error box.
      await page.route('**/api/audit?*', (route) =>
        route.fulfill({
          status: 400,
          json: { error: { code: 'bad_request', message: 'The filter is not one.' } },
        }),
      );
      await page.reload();
      await expect(page.getByRole('alert')).toContainText('Could not load the audit log');
      expect(await axeViolations(page)).toEqual([]);
    });

    test('the not-found page has no accessibility violations', async ({ page }) => {
      await signInAs(page, 'operator');
      await page.goto('/no-such-page');
      await expect(page.getByText('Page not found')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
