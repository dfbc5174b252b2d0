import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../build/precompress';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

// A build as Vite writes it (hashed names under assets/), compressed as the build does.
const INDEX_HTML = `<!doctype html><html><body><div id="root"></div>${'<!-- sync desk -->'.repeat(50)}</body></html>`;
const ENTRY_JS = `export const greeting = ${JSON.stringify('Sync Desk '.repeat(200))};\n`;
const ENTRY_PATH = '/assets/index-B4x9Qz1k.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let spaDir: string;
let bff: Awaited<ReturnType<typeof startBff>>;

beforeAll(async () => {
  spaDir = mkdtempSync(join(tmpdir(), 'sync-desk-spa-'));
  mkdirSync(join(spaDir, 'assets'));
  writeFileSync(join(spaDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(spaDir, ENTRY_PATH), ENTRY_JS);
  mkdirSync(join(spaDir, '.vite'));
  writeFileSync(
    join(spaDir, '.vite/manifest.json'),
    JSON.stringify({ 'src/app/main.tsx': { file: ENTRY_PATH } }),
  );
  precompressDir(spaDir);
  bff = await startBff({}, { spaDir });
});

afterAll(async () => {
  await bff.close();
  rmSync(spaDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  bff.app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });

describe('the built SPA', () => {
  it('sends a hashed asset Brotli-compressed to a browser that takes it, cached for good', async () => {
    const res = await get(ENTRY_PATH, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(?:text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(ENTRY_JS.length / 5);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(ENTRY_JS);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gzipped = await get(ENTRY_PATH, 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(ENTRY_JS);
    expect(gzipped.headers['cache-control']).toBe(IMMUTABLE);

    const plain = await get(ENTRY_PATH);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ENTRY_JS);
  });

  it('answers 404 for a hashed file the build does not have (an old page after a deploy)', async () => {
    const res = await get('/assets/index-0ldHa5h1.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it("keeps the build's own files to itself: its manifest is not served", async () => {
    for (const path of ['/.vite/manifest.json', '/.vite/manifest.json.br', '/.vite/'])
      expect((await get(path)).body).toBe(INDEX_HTML);
  });

  it.each(['/', '/entities/1b7c5d2e-5a43-4c1e-9a55-6d0f3f1c2b11/records?provider=codat'])(
    'sends index.html at %s (history fallback), checked with the server on every load',
    async (url) => {
      const res = await get(url, 'br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(INDEX_HTML);
    },
  );
});
