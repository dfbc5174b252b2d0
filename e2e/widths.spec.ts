import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { signInAs } from './helpers';

// Every width (issue 9): a phone, a tablet, a laptop, a wide screen. Nothing runs past the window
// or past any scroll box of its own, and a screenshot of each view at each width is kept.
const WIDTHS = [390, 768, 1440, 1920] as const;
const PHONE = 390;

/** Rows of the records table (the header row has no Push button). */
const rows = (page: Page) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: /Push/ }) });

/**
 * What runs wider than its box: the page itself, and every element that scrolls sideways, as
 * `selector: by N px`. `except` leaves out the scroll boxes inside the element it selects.
 */
function overflows(page: Page, except?: string): Promise<string[]> {
  return page.evaluate((exceptSelector) => {
    const skip = exceptSelector ? document.querySelector(exceptSelector) : null;
    const scrollers = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (el) =>
        ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) &&
        el.checkVisibility() &&
        !skip?.contains(el),
    );
    return [document.documentElement, ...scrollers]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 4).join('.')}`;
        return `${name}: by ${el.scrollWidth - el.clientWidth} px`;
      });
  }, except);
}

async function check(page: Page, testInfo: TestInfo, view: string, width: number, except?: string) {
  const shot = await page.screenshot({ path: testInfo.outputPath(`${view}-${width}.png`) });
  await testInfo.attach(`${view} at ${width} px`, { body: shot, contentType: 'image/png' });
  expect(await overflows(page, except), `${view} at ${width} px`).toEqual([]);
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === PHONE ? 844 : 900 } });

    test('sign-in, records with a filter and the drawer open, and audit fit the window', async ({
      page,
    }, testInfo) => {
      test.setTimeout(60_000);
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await check(page, testInfo, 'sign-in', width);

      await signInAs(page, 'operator');
      await page.goto('/');
      await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
      // Below a laptop's width the table's rows run wider than the window; their layout (cards on a
      // phone) is the virtualised list's work. There the list's scroll box is left out and
      // everything around it (top bar, header, filters, drawer) is checked.
      const list = width < 1024 ? 'main' : undefined;
      await check(page, testInfo, 'records', width, list);

      const nav = page.getByRole('navigation', { name: 'Main' });
      if (width < 1024) await nav.getByRole('button', { name: 'Account' }).click();
      const signOut = nav.getByRole('button', { name: 'Sign out' });
      await expect(signOut).toBeInViewport({ ratio: 1 });
      await expect(nav.getByLabel('Theme')).toBeInViewport({ ratio: 1 });
      await check(page, testInfo, 'account', width, list);
      await page.keyboard.press('Escape');
      await expect(signOut).toBeVisible({ visible: width >= 1024 });
      if (width < 1024) await expect(nav.getByRole('button', { name: 'Account' })).toBeFocused();

      await page.getByRole('button', { name: /^Provider/ }).click();
      const filter = page.getByRole('group', { name: 'Provider' });
      await expect(filter).toBeInViewport({ ratio: 1 });
      // On a phone the filter is a sheet across the screen, not a popover under its pill.
      if (width === PHONE) expect((await filter.boundingBox())?.width).toBe(width);
      await check(page, testInfo, 'filter', width, list);
      await page.keyboard.press('Escape');

      await rows(page).first().getByRole('link').click();
      const drawer = page.getByRole('dialog');
      await expect(drawer).toBeVisible();
      await expect(drawer.getByRole('button', { name: /Push/ })).toBeInViewport({ ratio: 1 });
      if (width === PHONE) expect((await drawer.boundingBox())?.width).toBe(width);
      await check(page, testInfo, 'drawer', width, list);
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();

      await page.goto('/audit');
      await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      await check(page, testInfo, 'audit', width);
    });
  });
}
