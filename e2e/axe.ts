import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

/**
 * axe-core's own build (@axe-core/playwright's current release needs Node 22). Evaluated through
 * the DevTools protocol rather than a script tag, which the app's CSP (script-src 'self') rightly refuses.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every rule of WCAG 2.0 and 2.1, A and AA, and axe's best practices (landmarks, regions, headings). */
const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};

/**
 * The page's accessibility violations as it is now, one readable line block per rule: its id,
 * impact and help, then each offending element's selector and what to fix. Empty when clean.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Colours mid-transition (a button leaving its disabled look) are not what a person reads.
  // Endless ones (a spinner) never finish: not waited for; one cancelled (its element gone) is done.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (o: RunOptions) => Promise<AxeResults> } }).axe.run(options),
    OPTIONS,
  );
  return results.violations.map((violation) =>
    [
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} — ${violation.nodes.length} element(s)`,
      ...violation.nodes.map(
        (node) => `  ${node.target.join(' ')}\n    ${(node.failureSummary ?? '').replaceAll('\n', '\n    ')}`,
      ),
    ].join('\n'),
  );
}
