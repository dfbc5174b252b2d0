import { describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../monite/schemas';
import { CLIENT_SECRET, startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

const pushUrl = (bff: Bff, id: string) => `/api/entities/${bff.entityId}/records/${id}/push`;
const push = async (bff: Bff, id: string, headers?: Record<string, string>) =>
  bff.app.inject({
    method: 'POST',
    url: pushUrl(bff, id),
    headers: headers ?? (await bff.signIn('operator')),
  });

async function failedRecords(bff: Bff, n: number): Promise<SyncRecord[]> {
  await bff.deps.refresher.refresh(bff.entityId);
  return bff.sim.store
    .records(bff.entityId)
    .filter((r) => r.sync_status === 'error')
    .slice(0, n);
}

const failedRecord = async (bff: Bff) => (await failedRecords(bff, 1))[0]!;

describe('POST …/records/:recordId/push', () => {
  it('pushes through Monite, returns the pending record and updates the mirror counts', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    const headers = await bff.signIn('viewer');
    const listUrl = `/api/entities/${bff.entityId}/records`;
    const before = (await bff.app.inject({ url: listUrl, headers })).json();

    const res = await push(bff, record.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<SyncRecord>()).toMatchObject({ id: record.id, sync_status: 'pending' });
    expect(bff.sim.store.pushCount(record.id)).toBe(1);

    const after = (await bff.app.inject({ url: listUrl, headers })).json();
    expect(after.facets.sync_status.error).toBe(before.facets.sync_status.error - 1);
    expect(after.facets.sync_status.pending).toBe(before.facets.sync_status.pending + 1);
    await bff.close();
  });

  it('sends one upstream push for concurrent double clicks, and refuses a pending record', async () => {
    const bff = await startBff({ latencyMs: 30, pushDelayMs: 60_000 });
    const record = await failedRecord(bff);
    const operator = await bff.signIn('operator');
    const [a, b] = await Promise.all([push(bff, record.id, operator), push(bff, record.id, operator)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(bff.sim.store.pushCount(record.id)).toBe(1);

    const again = await push(bff, record.id, operator);
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
    const { cookie, ...sameOrigin } = await bff.signIn('operator');
    const missingHeader = await push(bff, record.id, { cookie, origin: sameOrigin.origin });
    expect(missingHeader.statusCode).toBe(403);
    expect(missingHeader.json().error.code).toBe('csrf');
    const foreign = await push(bff, record.id, {
      cookie,
      'x-sync-desk': '1',
      origin: 'https://evil.example',
    });
    expect(foreign.statusCode).toBe(403);
    const noOrigin = await push(bff, record.id, { cookie, 'x-sync-desk': '1' });
    expect(noOrigin.statusCode).toBe(403);
    expect(bff.sim.store.pushCount(record.id)).toBe(0);
    expect(bff.logs()).toContain('CSRF check failed');
    const ok = await push(bff, record.id, { cookie, 'x-sync-desk': '1', origin: 'http://localhost:80' });
    expect(ok.statusCode).toBe(200);
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('pushes again after a 5xx only when Monite shows the push did not take', async () => {
    const bff = await startBff();
    const [lost, refused] = (await failedRecords(bff, 2)).map((r) => r.id) as [string, string];
    const pushes = (id: string) => bff.sim.store.requests.filter((r) => r.path.endsWith(`${id}/push`)).length;

    // Answered 503 before Monite acted: the re-read shows no change, so the push is sent again.
    bff.sim.faults.failNext(1, 503, `${refused}/push`);
    const retried = await push(bff, refused);
    expect(retried.statusCode).toBe(200);
    expect([pushes(refused), bff.sim.store.pushCount(refused)]).toEqual([2, 1]);

    // Acted on, but the answer was lost: the re-read shows it pending, so no second push.
    bff.sim.faults.failAfterProcessing(1, 502, `${lost}/push`);
    const took = await push(bff, lost);
    expect(took.statusCode).toBe(200);
    expect(took.json()).toMatchObject({ id: lost, sync_status: 'pending' });
    expect([pushes(lost), bff.sim.store.pushCount(lost)]).toEqual([1, 1]);
    await bff.close();
  });

  it('gives up after a bounded number of attempts with the reason and Monite request id', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    bff.sim.faults.failNext(10, 503, '/push');
    const failed = await push(bff, record.id);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error).toMatchObject({
      message: expect.stringMatching(/after 3 attempts.*503/),
      details: { attempts: 3, monite_request_id: expect.any(String) },
    });
    expect(bff.sim.store.pushCount(record.id)).toBe(0);
    await bff.close();
  });

  it('never puts the bearer token or client secret in a response or a log line', async () => {
    const bff = await startBff();
    const record = await failedRecord(bff);
    const token = await bff.monite.accessToken();
    const headers = await bff.signIn('admin');
    const bodies = [
      (await push(bff, record.id)).body,
      (await bff.app.inject({ url: `/api/entities/${bff.entityId}/records?sync_status=`, headers })).body,
      (await bff.app.inject({ url: '/api/entities', headers })).body,
      (await bff.app.inject({ url: '/api/audit', headers })).body,
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
