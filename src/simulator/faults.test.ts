import { describe, expect, it } from 'vitest';
import { clientFor, mswServer, steppingClock } from './test-support';

const msw = mswServer();

async function setup(options: Parameters<typeof msw.use>[0] = {}) {
  const clock = steppingClock();
  const sim = msw.use({ now: clock.now, entities: [{ name: 'Small Co', records: 50 }], ...options });
  const client = await clientFor(sim.entities[0]?.id);
  const list = () => client.get('/accounting_synced_records', { query: { object_type: 'bill', limit: 1 } });
  return { clock, sim, client, list };
}

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
});
