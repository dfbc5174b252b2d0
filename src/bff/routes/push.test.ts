import { describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../monite/schemas';
import { CLIENT_SECRET, startBff, useSimulatedMonite } from '../test/harness';

useSimulatedMonite();

type Bff = Awaited<ReturnType<typeof startBff>>;

const pushUrl = (bff: Bff, id: string) => `/api/entities/${bff.entityId}/records/${id}/push`;
const push = (bff: Bff, id: string, headers: Record<string, string> = { 'x-sync-desk': '1' }) =>
  bff.app.inject({ method: 'POST', url: pushUrl(bff, id), headers });

async function failedRecord(bff: Bff): Promise<SyncRecord> {
  await bff.deps.refresher.refresh(bff.entityId);
  return bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'error')!;
}

describe('POST …/records/:recordId/push', () => {
  it('pushes through Monite, returns the pending record and updates the mirror counts', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    const before = (await bff.app.inject(`/api/entities/${bff.entityId}/records`)).json();

    const res = await push(bff, record.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<SyncRecord>()).toMatchObject({ id: record.id, sync_status: 'pending' });
    expect(bff.sim.store.pushCount(record.id)).toBe(1);

    const after = (await bff.app.inject(`/api/entities/${bff.entityId}/records`)).json();
    expect(after.facets.sync_status.error).toBe(before.facets.sync_status.error - 1);
    expect(after.facets.sync_status.pending).toBe(before.facets.sync_status.pending + 1);
    await bff.close();
  });

  it('sends one upstream push for concurrent double clicks, and refuses a pending record', async () => {
    const bff = await startBff({ latencyMs: 30 });
    const record = await failedRecord(bff);
    const [a, b] = await Promise.all([push(bff, record.id), push(bff, record.id)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(bff.sim.store.pushCount(record.id)).toBe(1);

    const again = await push(bff, record.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_pending');
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('pushes again once Monite has finished with the earlier push', async () => {
    const bff = await startBff({ pushDelayMs: 20 });
    const record = await failedRecord(bff);
    expect((await push(bff, record.id)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await push(bff, record.id)).statusCode).toBe(200);
    expect(bff.sim.store.pushCount(record.id)).toBe(2);
    await bff.close();
  });

  it('refuses state changes without the CSRF header or from another origin', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    const missing = await push(bff, record.id, {});
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf');
    const foreign = await push(bff, record.id, { 'x-sync-desk': '1', origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    const sameOrigin = await push(bff, record.id, { 'x-sync-desk': '1', origin: 'http://localhost:80' });
    expect(sameOrigin.statusCode).toBe(200);
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('maps a Monite 5xx on push to 502 with its request id, without retrying the push', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    bff.sim.faults.failNext(1, 503, '/push');
    const failed = await push(bff, record.id);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error).toMatchObject({
      code: 'upstream_error',
      message: expect.stringContaining('503'),
      details: { monite_request_id: expect.any(String) },
    });
    expect(bff.sim.store.requests.filter((r) => r.path.endsWith('/push'))).toHaveLength(1);
    await bff.close();
  });

  it('never puts the bearer token or client secret in a response or a log line', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    const token = await bff.monite.accessToken();
    const bodies = [
      (await push(bff, record.id)).body,
      (await bff.app.inject(`/api/entities/${bff.entityId}/records?sync_status=`)).body,
      (await bff.app.inject('/api/entities')).body,
      (await bff.app.inject('/readyz')).body,
    ];
    for (const secret of [token, CLIENT_SECRET]) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(bff.logs()).not.toContain(secret);
    }
    expect(bff.logs()).toContain('record pushed');
    await bff.close();
  });
});
