import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { signInAs } from './helpers';

// Every width (issue 9): a phone, a tablet, a laptop, a wide screen. Nothing runs past the window
// or past any scroll box of its own, and a screenshot of each view at each width is kept.
const WIDTHS = [390, 768, 1440, 1920] as const;
const PHONE = 390;

/** The records as the width shows them: cards on a phone, else table rows (the header row has no Push button). */
const records = (page: Page, width: number) =>
  width === PHONE
    ? page.getByRole('list', { name: 'Records' }).getByRole('listitem')
    : page.getByRole('row').filter({ has: page.getByRole('button', { name: /Push/ }) });

/**
 * What runs wider than its box: the page itself, and every element that scrolls sideways
 * (the records list's box included), as `selector: by N px`.
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrollers = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.checkVisibility(),
    );
    return [document.documentElement, ...scrollers]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 4).join('.')}`;
        return `${name}: by ${el.scrollWidth - el.clientWidth} px`;
      });
  });
}

async function check(page: Page, testInfo: TestInfo, view: string, width: number) {
  const shot = await page.screenshot({ path: testInfo.outputPath(`${view}-${width}.png`) });
  await testInfo.attach(`${view} at ${width} px`, { body: shot, contentType: 'image/png' });
  expect(await overflows(page), `${view} at ${width} px`).toEqual([]);
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
      const first = records(page, width).first();
      await expect(first).toBeVisible({ timeout: 15_000 });
      // On a phone each record is a card (no table); its Push button is inside the window.
      await expect(page.getByRole('table')).toHaveCount(width === PHONE ? 0 : 1);
      await expect(first.getByRole('button', { name: 'Push' })).toBeInViewport({ ratio: 1 });
      await check(page, testInfo, 'records', width);

      const nav = page.getByRole('navigation', { name: 'Main' });
      if (width < 1024) await nav.getByRole('button', { name: 'Account' }).click();
      const signOut = nav.getByRole('button', { name: 'Sign out' });
      await expect(signOut).toBeInViewport({ ratio: 1 });
      await expect(nav.getByLabel('Theme')).toBeInViewport({ ratio: 1 });
      await check(page, testInfo, 'account', width);
      await page.keyboard.press('Escape');
      await expect(signOut).toBeVisible({ visible: width >= 1024 });
      if (width < 1024) await expect(nav.getByRole('button', { name: 'Account' })).toBeFocused();

      await page.getByRole('button', { name: /^Provider/ }).click();
      const filter = page.getByRole('group', { name: 'Provider' });
      await expect(filter).toBeInViewport({ ratio: 1 });
      // On a phone the filter is a sheet across the screen, not a popover under its pill.
      if (width === PHONE) expect((await filter.boundingBox())?.width).toBe(width);
      await check(page, testInfo, 'filter', width);
      await page.keyboard.press('Escape');

      await first.getByRole('link').click();
      const drawer = page.getByRole('dialog');
      await expect(drawer).toBeVisible();
      await expect(drawer.getByRole('button', { name: /Push/ })).toBeInViewport({ ratio: 1 });
      if (width === PHONE) expect((await drawer.boundingBox())?.width).toBe(width);
      await check(page, testInfo, 'drawer', width);
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();

      await page.goto('/audit');
      await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      await check(page, testInfo, 'audit', width);
    });
  });
}
