import { describe, expect, it } from 'vitest';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

const tokenRequests = (bff: Awaited<ReturnType<typeof startBff>>) =>
  bff.sim.store.requests.filter((r) => r.path.endsWith('/auth/token')).length;

describe('MoniteClient', () => {
  it('fetches one token for many calls, shared by concurrent callers', async () => {
    const bff = await startBff();
    await Promise.all(
      [0, 1, 2, 3, 4].map(() =>
        bff.monite.getRecord(bff.entityId, bff.sim.store.records(bff.entityId)[0]!.id),
      ),
    );
    await bff.monite.listEntities();
    expect(tokenRequests(bff)).toBe(1);
    await bff.close();
  });

  it('renews an expired token once and retries the call', async () => {
    const bff = await startBff();
    const id = bff.sim.store.records(bff.entityId)[0]!.id;
    await bff.monite.getRecord(bff.entityId, id);
    bff.sim.faults.expireTokens();
    const { data } = await bff.monite.getRecord(bff.entityId, id);
    expect(data.id).toBe(id);
    expect(tokenRequests(bff)).toBe(2);
    await bff.close();
  });

  it('renews before expiry rather than waiting for a 401', async () => {
    const bff = await startBff({ tokenTtlSeconds: 1 });
    await bff.monite.listEntities();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await bff.monite.listEntities();
    expect(tokenRequests(bff)).toBe(2);
    expect(bff.sim.store.requests.filter((r) => r.status === 401)).toHaveLength(0);
    await bff.close();
  });

  it('sends the version and entity headers Monite requires', async () => {
    const bff = await startBff();
    await bff.monite.listRecords(bff.entityId, { object_type: 'bill', limit: 10 });
    const call = bff.sim.store.requests.find((r) => r.path.endsWith('/accounting_synced_records'))!;
    expect(call.headers['x-monite-version']).toBe('2024-05-25');
    expect(call.headers['x-monite-entity-id']).toBe(bff.entityId);
    expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
    await bff.close();
  });

  it('reports a clear error when Monite refuses the credentials', async () => {
    const bff = await startBff({ clientSecret: 'a-different-secret' });
    await expect(bff.monite.listEntities()).rejects.toThrow(/refused Sync Desk's credentials/);
    await bff.close();
  });
});

describe('MoniteClient under a rate limit', () => {
  it("waits out a 429's Retry-After and then succeeds", async () => {
    const bff = await startBff({ rateLimitPerSecond: 1 });
    const id = bff.sim.store.records(bff.entityId)[0]!.id;
    for (let i = 0; i < 3; i++) expect((await bff.monite.getRecord(bff.entityId, id)).data.id).toBe(id);
    const statuses = bff.sim.store.requests.filter((r) => r.path.includes(id)).map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    await bff.close();
  });
});
