import { describe, expect, it } from 'vitest';
import type { RecordsPage } from '../../contract/api';
import type { SyncRecord } from '../../monite/schemas';
import { READ_ATTEMPTS } from '../monite-client';
import { startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

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
    const sideways = await get(`/api/entities/${bff.entityId}/records?sort=sideways`);
    expect(sideways.statusCode).toBe(400);
    expect(sideways.json().error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('sort'),
    });
    await bff.deps.refresher.refresh(bff.entityId);
    const byAmount = await list(bff, '?sync_status=&sort=-amount&limit=1');
    const mixed = await get(
      `/api/entities/${bff.entityId}/records?sync_status=&sort=sync_status&cursor=${byAmount.next_cursor}`,
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error).toEqual({
      code: 'bad_request',
      message:
        'The cursor is for the list sorted by -amount, not sync_status; start again from the first page.',
    });
    await bff.close();
  });

  it('lists only the records asked for by id (a selection), counted alone, under the other filters', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    const truth = bff.sim.store.records(bff.entityId);
    const failed = truth.filter((r) => r.sync_status === 'error').slice(0, 2);
    const done = truth.find((r) => r.sync_status === 'done')!;
    const ids = [...failed, done].map((r) => r.id);

    const page = await list(bff, `?sync_status=&ids=${ids.join(',')}`);
    expect(page.total).toBe(3);
    expect(page.data.map((r) => r.id).toSorted()).toEqual(ids.toSorted());
    expect(page.facets.sync_status).toMatchObject({ error: 2, done: 1 });
    // The other filters still apply.
    const onlyFailed = await list(bff, `?sync_status=error&ids=${ids.join(',')}`);
    expect(onlyFailed.data.map((r) => r.id).toSorted()).toEqual(failed.map((r) => r.id).toSorted());

    const headers = await bff.signIn('viewer');
    const bad = await bff.app.inject({ url: `/api/entities/${bff.entityId}/records?ids=1,2`, headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('ids') });
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

describe('a failed mirror refresh', () => {
  it('shows on the records page in the same words as the failed request', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('viewer');
    await bff.app.inject({ url: '/api/entities', headers });
    bff.sim.faults.failNext(READ_ATTEMPTS, 503, '/accounting_synced_records');
    const res = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/refresh`,
      headers,
    });
    expect(res.statusCode).toBe(502);
    const { message } = res.json().error;
    expect(message).toMatch(/^Monite is having trouble \(it answered 503/);
    expect((await list(bff)).mirror).toMatchObject({ state: 'error', error: message });
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

  it('rides out a burst of 429s and intermittent 503s, reading through the shared limiter', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('viewer');
    const ids = bff.sim.store.records(bff.entityId).map((r) => r.id);
    const read = (id: string) =>
      bff.app.inject({ url: `/api/entities/${bff.entityId}/records/${id}`, headers });

    bff.sim.faults.throttleNext(3, 1, ids[0]);
    const afterBurst = await read(ids[0]!);
    expect(afterBurst.statusCode).toBe(200);
    const attempts = bff.sim.store.requests.filter((r) => r.path.endsWith(ids[0]!));
    expect(attempts.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    // Each retry waited out Retry-After.
    expect(Date.parse(attempts[3]!.at) - Date.parse(attempts[0]!.at)).toBeGreaterThanOrEqual(3000);

    bff.sim.faults.setRandomFailureRate(0.1, { status: 503 });
    const reads = await Promise.all(ids.slice(1, 41).map(read));
    expect(reads.map((r) => r.statusCode)).toEqual(reads.map(() => 200));
    expect(bff.sim.store.requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    await bff.close();
  });

  it('answers 502 with a clear message when Monite stays down, after a few attempts', async () => {
    const bff = await startBff();
    const id = bff.sim.store.records(bff.entityId)[0]!.id;
    const headers = await bff.signIn('viewer');
    await bff.app.inject({ url: '/api/entities', headers });
    bff.sim.faults.failNext(100, 503, id);
    const res = await bff.app.inject({ url: `/api/entities/${bff.entityId}/records/${id}`, headers });
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toMatchObject({
      code: 'upstream_unavailable',
      message: expect.stringMatching(
        /^Monite is having trouble \(it answered 503: Service Unavailable; Monite request .+\); try again in a few minutes\.$/,
      ),
    });
    expect(bff.sim.store.requests.filter((r) => r.path.endsWith(id))).toHaveLength(READ_ATTEMPTS);
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
