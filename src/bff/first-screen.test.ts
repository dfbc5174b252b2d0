import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordsPage } from '../contract/api';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

// A build's page and manifest, as Vite writes them: the early script loads two chunks, which import
// the app's (named in the page already) and each other.
const INDEX_HTML =
  '<!doctype html><html><head><script type="module" async crossorigin src="/assets/early-1.js"></script>' +
  '<link rel="modulepreload" crossorigin href="/assets/app-1.js"></head><body><div id="root"></div></body></html>';
const MANIFEST = {
  'src/app/early.ts': {
    file: 'assets/early-1.js',
    name: 'early',
    isEntry: true,
    dynamicImports: ['_checks-1.js', '_records-1.js'],
  },
  '_checks-1.js': { file: 'assets/checks-1.js', imports: ['src/app/early.ts'] },
  '_records-1.js': { file: 'assets/records-1.js', imports: ['_app-1.js', '_checks-1.js', '_shared-1.js'] },
  '_app-1.js': { file: 'assets/app-1.js', imports: ['src/app/early.ts'] },
  '_shared-1.js': { file: 'assets/shared-1.js' },
};
// Text a provider's error could carry, written to end the answers' script element and run its own.
const HOSTILE = '</script><img src=x onerror=alert(1)><script>alert(2)</script>';

let spaDir: string;
beforeAll(() => {
  spaDir = mkdtempSync(join(tmpdir(), 'sync-desk-spa-'));
  writeFileSync(join(spaDir, 'index.html'), INDEX_HTML);
  mkdirSync(join(spaDir, '.vite'));
  writeFileSync(join(spaDir, '.vite/manifest.json'), JSON.stringify(MANIFEST));
});
afterAll(() => rmSync(spaDir, { recursive: true, force: true }));

/** A BFF serving that page over a scanned mirror, and a way to ask it for a page as a viewer. */
async function start() {
  const bff = await startBff({}, { spaDir });
  await bff.deps.refresher.refresh(bff.entityId);
  const viewer = { cookie: (await bff.signIn('viewer')).cookie };
  const page = (url: string, headers: Record<string, string> = viewer) =>
    bff.app.inject({ method: 'GET', url, headers });
  return { bff, viewer, page };
}

/** The answers a page came with, as the app reads them. */
function answersOf(html: string) {
  const json = /<script type="application\/json" id="first-screen-answers">([^<]*)<\/script>/.exec(html)?.[1];
  return json === undefined
    ? undefined
    : (JSON.parse(json) as { shape: string; url: string; body: unknown }[]);
}

describe('a records page with its first screen', () => {
  it('comes with its first rows drawn, inert over the app, and the answers they were drawn from', async () => {
    const { bff, viewer, page } = await start();
    const res = await page(`/entities/${bff.entityId}/records?sync_status=`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    // One person's records: no cache keeps them.
    expect(res.headers['cache-control']).toBe('private, no-store');
    const html = res.body;
    expect(html.match(/<div id="first-screen"[^>]*>/)?.[0]).toMatch(/ inert aria-hidden="true" /);
    // Before the app's root, which it covers until the app shows its own.
    expect(html.indexOf('id="first-screen"')).toBeLessThan(html.indexOf('<div id="root">'));
    // The chunks the early script would load are fetched with the page, each once.
    const head = html.slice(0, html.indexOf('</head>'));
    expect(
      [...head.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]),
    ).toEqual(['/assets/app-1.js', '/assets/checks-1.js', '/assets/records-1.js', '/assets/shared-1.js']);

    const answers = answersOf(html)!;
    expect(answers.map((a) => a.shape)).toEqual(['session', 'entities', 'recordsPage']);
    const list = answers.find((a) => a.shape === 'recordsPage')!;
    // The URL the app asks (early-requests.ts), and what the list route answers for it.
    expect(list.url).toBe(`/api/entities/${bff.entityId}/records?sort=-updated_at&limit=50`);
    const fromRoute = (await bff.app.inject({ url: list.url, headers: viewer })).json<RecordsPage>();
    const body = list.body as RecordsPage;
    expect(body.data.map((r) => r.id)).toEqual(fromRoute.data.map((r) => r.id));
    expect(body.total).toBe(fromRoute.total);
    // The rows drawn are those records, each linking to its details.
    const drawn = body.data.filter((r) => html.includes(`href="/entities/${bff.entityId}/records/${r.id}`));
    expect(drawn.length).toBeGreaterThanOrEqual(10);
    await bff.close();
  });

  it('is drawn in the colour scheme the person picked, or else leaves it to the system', async () => {
    const { bff, viewer, page } = await start();
    const url = `/entities/${bff.entityId}/records`;
    const schemeOf = async (choice?: string) => {
      const cookie =
        choice === undefined ? viewer.cookie : `${viewer.cookie}; sync-desk-color-scheme=${choice}`;
      const html = (await page(url, { cookie })).body;
      return /^<!doctype html><html( data-color-scheme="(\w+)")?>/.exec(html)?.[2] ?? 'system';
    };
    expect(await schemeOf('dark')).toBe('dark');
    expect(await schemeOf('light')).toBe('light');
    expect(await schemeOf()).toBe('system');
    expect(await schemeOf('%22%3E%3Cscript%3E')).toBe('system');
    await bff.close();
  });

  it('draws the filters the URL states, and asks the list for them', async () => {
    const { bff, page } = await start();
    const res = await page(`/entities/${bff.entityId}/records?provider=codat`);
    const list = answersOf(res.body)!.find((a) => a.shape === 'recordsPage')!;
    expect(list.url).toBe(
      `/api/entities/${bff.entityId}/records?sync_status=error&provider=codat&sort=-updated_at&limit=50`,
    );
    const body = list.body as RecordsPage;
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((r) => r.provider === 'codat' && r.sync_status === 'error')).toBe(true);
    await bff.close();
  });

  it("keeps a provider's text as text: nothing in it ends the script or runs", async () => {
    const { bff, page } = await start();
    const [first] = bff.sim.store.records(bff.entityId).filter((r) => r.sync_status === 'error');
    bff.sim.store.update(bff.entityId, first!.id, { errors: { message: HOSTILE } });
    await bff.deps.refresher.refresh(bff.entityId);
    const html = (await page(`/entities/${bff.entityId}/records`)).body;
    // (Booleans: a failure here would otherwise print the whole page.)
    expect(html.includes('<img')).toBe(false);
    // The page's own scripts and the answers', no other.
    expect(html.match(/<script/g)).toHaveLength(INDEX_HTML.match(/<script/g)!.length + 1);
    const list = answersOf(html)!.find((a) => a.shape === 'recordsPage')!.body as RecordsPage;
    expect(JSON.stringify(list)).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    await bff.close();
  });

  it('is the plain page without a session, for an entity not served, and for the drawer', async () => {
    const { bff, viewer, page } = await start();
    const pages = [
      [`/entities/${bff.entityId}/records`, {}],
      [`/entities/${bff.entityId}/records`, { cookie: 'sync-desk-session=forged' }],
      ['/entities/no-such-entity/records', viewer],
      [`/entities/${bff.entityId}/records/some-record`, viewer],
      ['/audit', viewer],
    ] as const;
    const plain = [];
    for (const [url, headers] of pages) {
      const res = await page(url, headers);
      if (res.statusCode === 200 && res.body === INDEX_HTML) plain.push(url);
    }
    expect(plain).toEqual(pages.map(([url]) => url));
    await bff.close();
  });
});
