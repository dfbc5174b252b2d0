import { test } from '@playwright/test';
import { PAGE_STATES } from './a11y-states';

// Zero axe violations, of any impact, on every page and state (issue 9), in each colour scheme.
const COLOR_SCHEMES = ['light', 'dark'] as const;

for (const colorScheme of COLOR_SCHEMES) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });
    for (const state of PAGE_STATES) {
      test(`no accessibility violations: ${state.name}`, async ({ page }) => {
        test.setTimeout(60_000);
        await state.walk(page);
      });
    }
  });
}
