import { describe, expect, it } from 'vitest';
import type { RecordsPage } from '../../contract/api';
import type { SyncRecord } from '../../monite/schemas';
import { startBff, useSimulatedMonite } from '../test/harness';

useSimulatedMonite();

type Bff = Awaited<ReturnType<typeof startBff>>;

async function list(bff: Bff, query = ''): Promise<RecordsPage> {
  const res = await bff.app.inject({
    url: `/api/entities/${bff.entityId}/records${query}`,
    headers: await bff.signIn('viewer'),
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('GET /api/entities/:entityId/records', () => {
  it('answers from a mirror that matches Monite, with facets and totals', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    const truth = bff.sim.store.records(bff.entityId);

    const failed = await list(bff, '?sync_status=error&limit=200');
    const expected = truth.filter((r) => r.sync_status === 'error');
    expect(failed.total).toBe(expected.length);
    expect(failed.data.map((r) => r.id).toSorted()).toEqual(expected.map((r) => r.id).toSorted());
    expect(failed.mirror.state).toBe('ready');
    expect(failed.mirror.refreshed_at).not.toBeNull();
    for (const provider of ['codat', 'railz']) {
      expect(failed.facets.provider[provider]).toBe(expected.filter((r) => r.provider === provider).length);
    }
    expect(failed.facets.sync_status.done).toBe(truth.filter((r) => r.sync_status === 'done').length);
    await bff.close();
  });

  it('starts the first scan on first use and reports it as scanning', async () => {
    const bff = await startBff();
    const first = await list(bff);
    expect(['scanning', 'ready']).toContain(first.mirror.state);
    await bff.deps.refresher.refresh(bff.entityId);
    expect((await list(bff)).mirror.state).toBe('ready');
    await bff.close();
  });

  it('rejects bad filters, unknown parameters and foreign ids with a clear 400/404', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('viewer');
    const get = (url: string) => bff.app.inject({ url, headers });
    const bad = await get(`/api/entities/${bff.entityId}/records?sync_status=failed`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('sync_status'),
    });
    expect((await get(`/api/entities/${bff.entityId}/records?foo=1`)).statusCode).toBe(400);
    expect((await get('/api/entities/not-a-uuid/records')).statusCode).toBe(400);
    const unknown = await get('/api/entities/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/records');
    expect(unknown.statusCode).toBe(404);
    await bff.close();
  });

  it('is not an open proxy: only the listed routes exist', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('admin');
    for (const path of [
      '/api/v1/entities',
      '/api/accounting_synced_records',
      `/api/entities/${bff.entityId}`,
    ]) {
      const res = await bff.app.inject({ url: path, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    await bff.close();
  });
});

describe('mirror refresh', () => {
  it('picks up changes with one upstream request per object type when little changed', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    const done = bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'done')!;
    bff.sim.store.update(bff.entityId, done.id, {
      sync_status: 'error',
      errors: { message: 'Tax rate must be valid.' },
    });

    const listCalls = () =>
      bff.sim.store.requests.filter((r) => r.path.endsWith('/accounting_synced_records'));
    const before = listCalls().length;
    const res = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/refresh`,
      headers: await bff.signIn('viewer'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'ready' });
    expect(listCalls().length - before).toBe(6);

    const page = await list(bff, `?q=${done.id}&sync_status=`);
    expect(page.data[0]).toMatchObject({ id: done.id, sync_status: 'error' });
    await bff.close();
  });
});

describe('mirror scan', () => {
  it('reads a page again when it timed out, instead of failing the scan', async () => {
    const bff = await startBff();
    // Longer than the client's 2 s timeout: the answer comes too late to be used.
    bff.sim.faults.delayNext(1, 2500, '/accounting_synced_records');
    await bff.deps.refresher.refresh(bff.entityId);
    const page = await list(bff, '?sync_status=');
    expect(page.mirror.state).toBe('ready');
    expect(page.total).toBe(bff.sim.store.records(bff.entityId).length);
    await bff.close();
  });
});

describe('GET /api/entities/:entityId/records/:recordId', () => {
  it('reads the record fresh from Monite and writes it into the mirror', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    const target = bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'done')!;
    bff.sim.store.update(bff.entityId, target.id, {
      sync_status: 'error',
      errors: { message: 'Account must be valid.' },
    });

    const res = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records/${target.id}`,
      headers: await bff.signIn('viewer'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<SyncRecord>()).toMatchObject({ id: target.id, sync_status: 'error' });
    const page = await list(bff, `?q=${target.id}&sync_status=error`);
    expect(page.total).toBe(1);
    await bff.close();
  });

  it('answers 404 for a record Monite does not have', async () => {
    const bff = await startBff();
    const res = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`,
      headers: await bff.signIn('viewer'),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    await bff.close();
  });
});
