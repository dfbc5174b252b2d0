import { expect, test, type Page } from '@playwright/test';
import type { EntitySummary } from '../src/contract/api';
import { signInAs } from './helpers';

// The records page with the keyboard only (issue 9): nothing here clicks.

const dataRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });

async function doneRecords(page: Page): Promise<void> {
  const { data } = (await (await page.request.get('/api/entities')).json()) as { data: EntitySummary[] };
  await page.goto(`/entities/${data[0]!.id}/records?sync_status=done`);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 15_000 });
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${max} presses of Tab never reached ${selector}`);
}

/** Whether focus is inside the element `selector` names. */
const focusInside = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.contains(document.activeElement) ?? false, selector);

test('skip link, open a record, Tab stays in the drawer, Esc returns to its row; a dialog cancels with Esc', async ({
  page,
}) => {
  await signInAs(page, 'operator');
  await doneRecords(page);

  // The first Tab shows the skip link; Enter moves focus past the top bar, into the page.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())!.width).toBeGreaterThan(40);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await tabTo(page, '[data-record-link]');
  const rowLink = page.locator(':focus');
  const name = (await rowLink.textContent())!;
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Close details' })).toBeFocused();
  await expect(drawer.getByRole('heading', { name: 'Push history' })).toBeVisible();

  // Round and round the drawer, both ways, never out to the list behind it.
  for (const key of [...Array<string>(30).fill('Tab'), ...Array<string>(30).fill('Shift+Tab')]) {
    await page.keyboard.press(key);
    expect(await focusInside(page, '[role="dialog"]')).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('link', { name, exact: true }).first()).toBeFocused();

  // The row's Push asks first (the record already synced): Esc cancels, focus returns to Push.
  await tabTo(page, 'button');
  await expect(page.locator(':focus')).toHaveText('Push');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /again\?$/ });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInside(page, '[role="dialog"]')).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator(':focus')).toHaveText('Push');
  // Nothing was pushed.
  await expect(page.getByText(/^Pushed/)).toHaveCount(0);
});

test('every control Tab reaches on the records page and in the drawer shows a focus ring', async ({
  page,
}) => {
  await signInAs(page, 'operator');
  await doneRecords(page);
  /** The focused element's outline or ring (a box shadow), or why it has none. */
  const ringOf = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== 'none' ? 'ring' : `no ring: ${el.outerHTML.slice(0, 120)}`;
    });

  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    expect(await ringOf()).toBe('ring');
  }
  await tabTo(page, '[data-record-link]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Push history' })).toBeVisible();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    expect(await ringOf()).toBe('ring');
  }
});
