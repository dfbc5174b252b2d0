import { describe, expect, it } from 'vitest';
import { BASE, clientFor, mswServer, obtainToken, steppingClock } from './test-support';
import { MONITE_VERSION } from '../monite/schemas';

const msw = mswServer();

async function setup(options: Parameters<typeof msw.use>[0] = {}) {
  const clock = steppingClock();
  const sim = msw.use({ now: clock.now, entities: [{ name: 'Small Co', records: 50 }], ...options });
  const client = await clientFor(sim.entities[0]?.id);
  const list = () => client.get('/accounting_synced_records', { query: { object_type: 'bill', limit: 1 } });
  return { clock, sim, client, list };
}

/** 100 list calls with 30 % random failures: their statuses. */
const randomRun = async (seed: number) => {
  const { sim, list } = await setup({ seed });
  sim.faults.setRandomFailureRate(0.3, { status: 503 });
  const statuses = [];
  for (let i = 0; i < 100; i++) statuses.push((await list()).status);
  return statuses;
};

describe('fault injection', () => {
  it('answers 429 with Retry-After over the per-second rate, and recovers in the next window', async () => {
    const { clock, sim, list } = await setup();
    sim.faults.setRateLimit(3);
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await list());
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(responses.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', null, null]);
    const limited = responses[3];
    expect(limited?.body).toEqual({ message: 'API rate limit exceeded' });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    clock.advance(1000);
    expect((await list()).status).toBe(200);
    sim.faults.setRateLimit(0);
    for (let i = 0; i < 5; i++) expect((await list()).status).toBe(200);
  });

  it('fails the next N requests with the given 5xx, optionally only on a path', async () => {
    const { sim, client, list } = await setup();
    sim.faults.failNext(2, 503);
    const first = await list();
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ error: { message: expect.any(String) } });
    expect(first.headers.get('x-request-id')).toBeTruthy();
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(200);

    const [record] = sim.store.records(sim.entities[0]?.id ?? '');
    sim.faults.failNext(1, 500, '/push');
    expect((await list()).status).toBe(200);
    expect((await client.post(`/accounting_synced_records/${record?.id}/push`)).status).toBe(500);
    expect(sim.store.pushCount(record?.id ?? '')).toBe(0);
    expect((await client.post(`/accounting_synced_records/${record?.id}/push`)).status).toBe(200);
  });

  it("refuses the next N matching requests with a 4xx in Monite's envelope, changing nothing", async () => {
    const { sim, client, list } = await setup();
    const [record] = sim.store.records(sim.entities[0]?.id ?? '');
    sim.faults.refuseNext(1, 422, 'Record is locked by the accounting platform.', '/push');
    expect((await list()).status).toBe(200);
    const refused = await client.post(`/accounting_synced_records/${record?.id}/push`);
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({ error: { message: 'Record is locked by the accounting platform.' } });
    expect(sim.store.pushCount(record?.id ?? '')).toBe(0);
    expect((await client.post(`/accounting_synced_records/${record?.id}/push`)).status).toBe(200);
    expect(() => sim.faults.refuseNext(1, 503, 'x')).toThrow(/4xx/);
  });

  it('adds latency to every response', async () => {
    const { sim, list } = await setup();
    sim.faults.setLatency(60);
    const started = performance.now();
    await list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('applies a new token lifetime to tokens issued afterwards', async () => {
    const { clock, sim } = await setup();
    sim.faults.setTokenTtl(5);
    const client = await clientFor(sim.entities[0]?.id);
    clock.advance(5000);
    expect((await client.get('/accounting_synced_records', { query: { object_type: 'bill' } })).status).toBe(
      401,
    );
  });
  it('processes a request but loses its answer (failAfterProcessing)', async () => {
    const { sim, client } = await setup();
    const entityId = sim.entities[0]?.id ?? '';
    const [record] = sim.store.records(entityId).filter((r) => r.sync_status === 'error');
    const id = record?.id ?? '';
    sim.faults.failAfterProcessing(1, 502, '/push');
    expect((await client.get(`/accounting_synced_records/${id}`)).status).toBe(200);
    const lost = await client.post(`/accounting_synced_records/${id}/push`);
    expect(lost.status).toBe(502);
    expect(lost.body).toEqual({ error: { message: expect.any(String) } });
    // Monite acted: the push counts and the record is pending, though the client saw a 502.
    expect(sim.store.pushCount(id)).toBe(1);
    expect(sim.store.record(entityId, id)?.sync_status).toBe('pending');
    expect(() => sim.faults.failAfterProcessing(1, 404)).toThrow(/5xx/);
  });

  it("answers the gateway's 429 for the next N requests (throttleNext), without processing them", async () => {
    const { sim, client } = await setup();
    const [record] = sim.store.records(sim.entities[0]?.id ?? '');
    sim.faults.throttleNext(1, 3, '/push');
    const push = () => client.post(`/accounting_synced_records/${record?.id}/push`);
    const limited = await push();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ message: 'API rate limit exceeded' });
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(sim.store.pushCount(record?.id ?? '')).toBe(0);
    expect((await push()).status).toBe(200);
    expect(sim.store.pushCount(record?.id ?? '')).toBe(1);
  });

  it('processes a request at once but answers it late (delayNext), even after the client gave up', async () => {
    const { sim } = await setup();
    const [record] = sim.store.records(sim.entities[0]?.id ?? '');
    const id = record?.id ?? '';
    const token = await obtainToken();
    sim.faults.delayNext(1, 300, '/push');
    const pushed = fetch(`${BASE}/accounting_synced_records/${id}/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'x-monite-version': MONITE_VERSION,
        'x-monite-entity-id': sim.entities[0]?.id ?? '',
      },
      signal: AbortSignal.timeout(30),
    });
    await expect(pushed).rejects.toThrow(/timeout|aborted/i);
    expect(sim.store.pushCount(id)).toBe(1);
    expect(sim.store.requests.at(-1)?.status).toBe(200);
  });

  it('fails a seeded share of API calls at random, the same ones for the same seed', async () => {
    const first = await randomRun(5);
    expect(await randomRun(5)).toEqual(first);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
    expect(first.filter((s) => s !== 503 && s !== 200)).toEqual([]);
  });

  it('can lose the answer of randomly failed pushes after processing them, and be switched off', async () => {
    const { sim, client } = await setup();
    const records = sim.store.records(sim.entities[0]?.id ?? '').slice(0, 20);
    sim.faults.setRandomFailureRate(1, { afterProcessingShare: 1 });
    // Token requests are never failed at random.
    await expect(obtainToken()).resolves.toEqual(expect.any(String));
    for (const r of records)
      expect((await client.post(`/accounting_synced_records/${r.id}/push`)).status).toBe(500);
    expect(sim.store.totalPushes()).toBe(20);
    sim.faults.setRandomFailureRate(0);
    expect((await client.post(`/accounting_synced_records/${records[0]?.id}/push`)).status).toBe(200);
  });
});
