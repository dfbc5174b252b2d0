import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { toast } from 'sonner';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { takeResponseProblems } from '../../bff/test/harness';
import { stopBffs } from './bff';
import { server } from './server';

// The real BFF behind the page does real work (sign-in hashing, SQLite, Monite calls to the
// simulator): on a busy machine that takes longer than Testing Library's default 1 s.
configure({ asyncUtilTimeout: 3000 });

// jsdom lays nothing out: the records page's virtual list gets a scroller (`data-scroller`) tall
// enough for every row a test loads, and rows (or cards) of a plausible height, so it renders them all.
const SCROLLER = { property: 'clientHeight', px: 10_000 } as const;
const ROW = { property: 'offsetHeight', px: 40 } as const;
for (const property of ['clientHeight', 'offsetHeight'] as const)
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      const layout = this.hasAttribute('data-scroller')
        ? SCROLLER
        : this.hasAttribute('data-index')
          ? ROW
          : null;
      return layout?.property === property ? layout.px : 0;
    },
  });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  cleanup();
  await stopBffs();
  // Sonner keeps its toasts in a module-level store and replays them to a new Toaster.
  toast.dismiss();
  server.resetHandlers();
  server.events.removeAllListeners();
  // The SPA's tests hold the BFF to its OpenAPI document too.
  const problems = takeResponseProblems();
  if (problems.length > 0)
    throw new Error(`Responses /api/openapi.json does not describe:\n${problems.join('\n')}`);
});
afterAll(() => server.close());
