import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

describe('JSON answers', () => {
  it('go Brotli-compressed to a client that takes it, else gzip, else plain', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    // Every summary read first: the background reader would otherwise change the page between calls.
    await bff.deps.documents.fill(bff.entityId);
    const headers = await bff.signIn('viewer');
    const list = (acceptEncoding?: string) =>
      bff.app.inject({
        url: `/api/entities/${bff.entityId}/records?limit=50`,
        headers: { ...headers, ...(acceptEncoding && { 'accept-encoding': acceptEncoding }) },
      });

    const plain = await list();
    expect(plain.headers['content-encoding']).toBeUndefined();
    const page: unknown = plain.json();

    const br = await list('gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(page);

    const gzip = await list('gzip, br;q=0');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(page);
    await bff.close();
  });
});
