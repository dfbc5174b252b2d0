/**
 * Records page benchmark in a real browser (prints figures; not a test). The production build is
 * served by the real BFF over a simulator with 12,000 records (every status shown), in Chromium
 * (run by bench/browser-server.ts, so the browser's protocol is not handled in the BFF's process):
 *   - first row visible after navigation, cold (fresh browser context each time): p50/p95 over
 *     NAVIGATIONS, beside the same navigation to /healthz, and when the list's request went out
 *     (measured once the BFF has read every document, so its background reading does not compete);
 *     beside them the floor: the same first screen saved as static HTML without its scripts; timed
 *     from Node, then again in the page's own clock (from the navigation's start, as browsers report);
 *     then where that time goes: p50 of the page's own resource timings (document, code, session,
 *     list) and its main thread's script and task time until the first row
 *   - with ROWS rows loaded (scrolling to the end until enough pages came in), a scroll from top
 *     to bottom in steps: DOM node count, CDP Performance.getMetrics ScriptDuration/TaskDuration
 *     deltas and frame times, beside the same scroll over a plain page as tall
 * Run: npm run bench:ui   (ROWS=2000 NAVIGATIONS=10 npm run bench:ui for a quicker pass, ROWS=0 for
 * navigations only; SPA_DIR= serves a build made beforehand instead of this checkout's, to compare two)
 */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { startEntryPoint } from '../src/bff/test/child-process';
import { benchSetup, listen, serve, signIn } from './setup';

const RECORDS = 12_000;
const ROWS = Number(process.env.ROWS ?? 10_000);
const NAVIGATIONS = Number(process.env.NAVIGATIONS ?? 20);
const SCROLL_STEPS = 200;

const { deps, log, dir, entityId, close } = await benchSetup(RECORDS);
const spaDir = process.env.SPA_DIR ?? join(dir, 'spa');
if (!process.env.SPA_DIR) await build({ logLevel: 'warn', build: { outDir: spaDir, emptyOutDir: true } });
await deps.refresher.refresh(entityId);
// The reader runs in this process beside the server: measured while it ran, every figure below
// carried its event-loop stalls (up to ~0.7 s) as well as the page's own time.
const reading = performance.now();
await deps.documents.fill(entityId);
const readSeconds = (performance.now() - reading) / 1000;
const { app, base } = await serve(deps, log, spaDir, 'operator');
const [name, value] = (await signIn(base)).split('=') as [string, string];
const cookie = { name, value, url: base };
// Every status: the whole entity, so there are more than ROWS rows to load.
const recordsUrl = `${base}/entities/${entityId}/records?sync_status=`;
const firstRow = 'main tbody tr:not([aria-hidden]) a';
// The app's own row, which answers clicks and keys: the first screen the BFF draws is over #root.
const appRow = `#root ${firstRow}`;

// The browser in a process of its own (browser-server.ts), apart from the BFF under test.
const browserServer = await startEntryPoint('bench/browser-server.ts', { ready: /^(ws:\S+)$/m });
const browser = await chromium.connect(browserServer.ready[1]!);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

const summary = (times: number[]) => {
  const sorted = times.toSorted((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
};

/** The page's timings at the first row: resource start/end times and main-thread totals (ms). */
type Timeline = { resources: { name: string; start: number; end: number }[]; document: number } & Record<
  'firstRow' | 'appRow' | 'script' | 'task',
  number
>;

/**
 * Milliseconds from navigation until `ready` holds, each in a fresh (cold) browser context, and
 * until the first request matching `request` was sent; with `timeline`, also the page's timings.
 */
async function navigations(
  url: string,
  ready: (page: Page) => Promise<unknown>,
  { request, timeline = false }: { request?: RegExp; timeline?: boolean } = {},
) {
  const times: number[] = [];
  const sent: number[] = [];
  const timelines: Timeline[] = [];
  for (let i = 0; i < NAVIGATIONS; i++) {
    const context = await browser.newContext();
    await context.addCookies([cookie]);
    const page = await context.newPage();
    const cdp = timeline ? await context.newCDPSession(page) : undefined;
    await cdp?.send('Performance.enable');
    // When the first row, and the app's own, are attached, in the page's own clock (CDP scripts are
    // not bound by its CSP).
    if (timeline)
      await page.addInitScript(
        (marks) => {
          for (const [mark, selector] of marks)
            new MutationObserver((_, observer) => {
              if (!document.querySelector(selector)) return;
              performance.mark(mark);
              observer.disconnect();
            }).observe(document, { childList: true, subtree: true });
        },
        [
          ['first-row', firstRow],
          ['app-row', appRow],
        ] as const,
      );
    const started = performance.now();
    let sentAt: number | undefined;
    page.on('request', (r) => {
      if (sentAt === undefined && request?.test(r.url())) sentAt = performance.now() - started;
    });
    await page.goto(url, { waitUntil: 'commit' });
    await ready(page);
    times.push(performance.now() - started);
    if (sentAt !== undefined) sent.push(sentAt);
    if (cdp) {
      const metrics = Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      ) as Record<string, number>;
      const timings = await page.evaluate(() => ({
        document: performance.getEntriesByType('navigation')[0]!.toJSON().responseEnd as number,
        firstRow: performance.getEntriesByName('first-row')[0]?.startTime ?? NaN,
        appRow: performance.getEntriesByName('app-row')[0]?.startTime ?? NaN,
        resources: performance.getEntriesByType('resource').map((r) => ({
          name: r.name,
          start: r.startTime,
          end: (r as PerformanceResourceTiming).responseEnd,
        })),
      }));
      timelines.push({
        ...timings,
        script: metrics.ScriptDuration! * 1000,
        task: metrics.TaskDuration! * 1000,
      });
    }
    await context.close();
  }
  return { ...summary(times), sent: sent.length > 0 ? summary(sent) : undefined, timelines };
}

/** What a cold records navigation spends its time on, from the page's timings: p50 of each. */
const finiteP50 = (values: number[]) => {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 ? summary(finite).p50 : NaN;
};

function phases(timelines: Timeline[]) {
  const resource = (t: Timeline, pattern: RegExp) => t.resources.find((r) => pattern.test(r.name));
  // The chunks vite.config.ts names (app: the entry and its imports; checks: the response checks;
  // records: the records page), by their hashed file names; absent from a build before them.
  const chunk = (t: Timeline, chunkName: string) =>
    resource(t, new RegExp(`/assets/${chunkName}-[^/]+\\.js$`));
  const rows: [string, (t: Timeline) => number][] = [
    ['document received', (t) => t.document],
    ['app chunk: sent', (t) => chunk(t, 'app')?.start ?? NaN],
    ['app chunk: received', (t) => chunk(t, 'app')?.end ?? NaN],
    ['GET /api/session: sent', (t) => resource(t, /\/api\/session$/)?.start ?? NaN],
    ['GET /api/session: answered', (t) => resource(t, /\/api\/session$/)?.end ?? NaN],
    ['checks chunk: received', (t) => chunk(t, 'checks')?.end ?? NaN],
    ['records chunk: sent', (t) => chunk(t, 'records')?.start ?? NaN],
    ['records chunk: received', (t) => chunk(t, 'records')?.end ?? NaN],
    [
      'last chunk before first row',
      (t) =>
        Math.max(
          ...t.resources.filter((r) => r.name.endsWith('.js') && r.end < t.firstRow).map((r) => r.end),
        ),
    ],
    ['list request: sent', (t) => resource(t, /\/api\/entities\/[^/]+\/records\?/)?.start ?? NaN],
    ['list request: answered', (t) => resource(t, /\/api\/entities\/[^/]+\/records\?/)?.end ?? NaN],
    ['first row in the DOM', (t) => t.firstRow],
    ["the app's own first row", (t) => t.appRow],
    ['main thread: script time', (t) => t.script],
    ['main thread: task time', (t) => t.task],
  ];
  return rows.map(([label, of]) => [label, finiteP50(timelines.map(of))] as const);
}

/** Scrolls `[data-scroller]` (the records page's scroller) top to bottom in steps, a frame each. */
async function scrollThrough(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    ) as Record<string, number>;
  await page.evaluate(() => document.querySelector('[data-scroller]')!.scrollTo(0, 0));
  const before = await metrics();
  const frames = await page.evaluate(async (steps) => {
    const scroller = document.querySelector('[data-scroller]')!;
    // Inline, not a named helper: tsx would wrap one in a `__name` call the page does not have.
    const times: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let i = 1; i <= steps; i++) {
      scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * i) / steps;
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      times.push(now - last);
      last = now;
    }
    return times;
  }, SCROLL_STEPS);
  const after = await metrics();
  frames.sort((a, b) => a - b);
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return {
    nodes,
    script: (after.ScriptDuration! - before.ScriptDuration!) * 1000,
    task: (after.TaskDuration! - before.TaskDuration!) * 1000,
    frameP50: quantile(frames, 0.5),
    frameP95: quantile(frames, 0.95),
  };
}

/** Rows loaded so far: the last row's aria-rowindex (less the header) in a virtual list, else the rows. */
const loadedRows = (page: Page) =>
  page.evaluate(() => {
    const rows = document.querySelectorAll('main tbody tr:not([aria-hidden])');
    const last = Number(rows[rows.length - 1]?.getAttribute('aria-rowindex') ?? 0) - 1;
    return Math.max(last, rows.length);
  });

async function loadRows() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([cookie]);
  const page = await context.newPage();
  await page.goto(recordsUrl);
  await page.locator(appRow).first().waitFor();
  const started = performance.now();
  while ((await loadedRows(page)) < ROWS) {
    await page.evaluate(() => document.querySelector('[data-scroller]')!.scrollTo(0, 1e9));
    await page.waitForTimeout(50);
  }
  return { page, seconds: (performance.now() - started) / 1000 };
}

/**
 * The floor under the first-row figure on this machine: the records page as the app rendered it,
 * saved without its scripts and served as the app's index.html by a second server over the same
 * parts, navigated cold as above. No client-side work can show the row sooner than this.
 */
async function staticFloor() {
  const context = await browser.newContext();
  await context.addCookies([cookie]);
  const page = await context.newPage();
  await page.goto(recordsUrl);
  await page.locator(appRow).first().waitFor();
  const html = (await page.content()).replace(
    /<script\b[\s\S]*?<\/script>|<link rel="modulepreload"[^>]*>/g,
    '',
  );
  await context.close();
  const floorDir = join(dir, 'static-floor');
  await cp(spaDir, floorDir, { recursive: true });
  // A file of its own: as a records page, the BFF would draw its first screen over it.
  await writeFile(join(floorDir, 'floor.html'), html);
  const server = await listen(deps, log, floorDir);
  try {
    return await navigations(`${server.base}/floor.html`, (p) => p.locator(firstRow).first().waitFor(), {
      timeline: true,
    });
  } finally {
    await server.app.close();
  }
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms.toFixed(0)).padStart(6);

const healthz = await navigations(`${base}/healthz`, (page) => page.waitForLoadState('load'));
const records = await navigations(recordsUrl, (page) => page.locator(firstRow).first().waitFor(), {
  request: /\/api\/entities\/[^/]+\/records\?/,
});
// Apart from the figures above: observing the page costs a little of its own time.
// Until the app's own row: its time is one of the figures.
const observed = await navigations(recordsUrl, (page) => page.locator(appRow).first().waitFor(), {
  timeline: true,
});
const floor = await staticFloor();
console.log(
  `\n(the BFF read the ${RECORDS.toLocaleString()} records' documents first, in ${readSeconds.toFixed(1)} s)`,
);
console.log(
  `navigation, cold (fresh context), ${NAVIGATIONS} each (ms), timed from Node: goto sent → first row found`,
);
console.log(`  baseline GET /healthz     p50 ${fmt(healthz.p50)}  p95 ${fmt(healthz.p95)}`);
console.log(`  records: first row shown  p50 ${fmt(records.p50)}  p95 ${fmt(records.p95)}`);
if (records.sent)
  console.log(`  … its list request sent  p50 ${fmt(records.sent.p50)}  p95 ${fmt(records.sent.p95)}`);
console.log(
  `  same page, static HTML    p50 ${fmt(floor.p50)}  p95 ${fmt(floor.p95)}  (its first screen without scripts: the floor on this machine)`,
);
// The clock a user's browser reports (as web-vitals do): from the navigation's start, without the
// protocol round trips between this process, the browser's and the page, and the locator's polling.
const firstRowInPage = (run: { timelines: Timeline[] }) => summary(run.timelines.map((t) => t.firstRow));
const [appInPage, floorInPage] = [firstRowInPage(observed), firstRowInPage(floor)];
const appRowInPage = summary(observed.timelines.map((t) => t.appRow));
console.log(
  `the same, ${NAVIGATIONS} more each, in the page's clock: navigation start → first row in the DOM (ms)`,
);
console.log(
  `  records: first row shown  p50 ${fmt(appInPage.p50)}  p95 ${fmt(appInPage.p95)}  (goal p95 ≤ 300 ms)`,
);
console.log(
  `  … the app's own first row p50 ${fmt(appRowInPage.p50)}  p95 ${fmt(appRowInPage.p95)}  (over the BFF's first screen: clicks and keys work from here)`,
);
console.log(
  `  same page, static HTML    p50 ${fmt(floorInPage.p50)}  p95 ${fmt(floorInPage.p95)}  (the floor)`,
);
console.log(`where a records navigation's time goes, p50 of ${NAVIGATIONS} more, in the page's clock (ms)`);
for (const [label, ms] of phases(observed.timelines)) console.log(`  ${label.padEnd(28)} ${fmt(ms)}`);

// ROWS=0 skips the scroll (navigation figures only).
if (ROWS > 0) {
  const { page, seconds } = await loadRows();
  const list = await scrollThrough(page);
  const blank = await page.context().newPage();
  await blank.setContent(
    `<div data-scroller style="height:100vh;overflow:auto"><div style="height:${await page.evaluate(() => document.querySelector('[data-scroller]')!.scrollHeight)}px"></div></div>`,
  );
  const plain = await scrollThrough(blank);
  console.log(`\nscrolling top to bottom in ${SCROLL_STEPS} steps, ${ROWS.toLocaleString()} rows loaded`);
  console.log(`  (loading them by infinite scroll took ${seconds.toFixed(1)} s)`);
  for (const [label, m] of [
    ['baseline plain page as tall', plain],
    ['records list', list],
  ] as const)
    console.log(
      `  ${label.padEnd(28)} DOM nodes ${String(m.nodes).padStart(7)}  script ${fmt(m.script)} ms  task ${fmt(m.task)} ms  frame p50 ${fmt(m.frameP50)} ms  p95 ${fmt(m.frameP95)} ms`,
    );
}

await browser.close();
await browserServer.stop();
await app.close();
await close();
