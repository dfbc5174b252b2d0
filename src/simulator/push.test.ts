import { describe, expect, it } from 'vitest';
import { summariseErrors } from '../monite/errors-text';
import { familyOf } from './provider-errors';
import { PROVIDER_MESSAGES } from './provider-messages';
import { clientFor, listAll, mswServer, START, steppingClock } from './test-support';

const msw = mswServer();

async function setup(options: Parameters<typeof msw.use>[0] = {}) {
  const clock = steppingClock();
  const sim = msw.use({ now: clock.now, pushDelayMs: 2000, ...options });
  const entityId = sim.entities[0]?.id ?? '';
  return { clock, sim, entityId, client: await clientFor(entityId) };
}

const push = (client: Awaited<ReturnType<typeof clientFor>>, id: string) =>
  client.post(`/accounting_synced_records/${id}/push`);

/** Pushes eight failed records (four of them twice) and returns them settled. */
async function outcomes(seed: number) {
  const { clock, sim, entityId, client } = await setup({ seed });
  const targets = sim.store
    .records(entityId)
    .filter((r) => r.sync_status === 'error')
    .slice(0, 8);
  for (const r of targets) await push(client, r.id);
  clock.advance(2000);
  for (const r of targets.slice(0, 4)) await push(client, r.id);
  clock.advance(2000);
  return targets.map((r) => sim.store.record(entityId, r.id));
}

describe('POST /v1/accounting_synced_records/{id}/push', () => {
  it('makes the record pending now, then settles it pushDelayMs later', async () => {
    const { clock, sim, entityId, client } = await setup();
    const failed = sim.store.records(entityId).find((r) => r.sync_status === 'error');
    const id = failed?.id ?? '';
    clock.advance(10_000);

    const pushed = await push(client, id);
    expect(pushed.status).toBe(200);
    // Errors are cleared while the new attempt is in flight.
    expect(pushed.body).toMatchObject({
      id,
      sync_status: 'pending',
      errors: {},
      updated_at: new Date(clock.now()).toISOString(),
    });

    clock.advance(1999);
    expect((await client.get(`/accounting_synced_records/${id}`)).body.sync_status).toBe('pending');
    const pushedAt = new Date(clock.now() - 1999).toISOString();
    clock.advance(1);
    const settled = await client.get(`/accounting_synced_records/${id}`);
    expect(['done', 'error']).toContain(settled.body.sync_status);
    expect(settled.body.updated_at).toBe(new Date(clock.now()).toISOString());

    // An incremental scan from the push time sees the settled record.
    const changed = await listAll(client, {
      object_type: failed?.object_type,
      sort: 'updated_at',
      updated_at__gt: pushedAt,
    });
    expect(changed).toEqual([expect.objectContaining({ id, sync_status: settled.body.sync_status })]);
  });

  it('settles the same way for the same seed, record and push number', async () => {
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    expect(first.every((r) => r?.sync_status !== 'pending')).toBe(true);
  });

  it('succeeds about 70% of the time from done, and fails with the platform’s own message', async () => {
    const { clock, sim, entityId, client } = await setup({ pushDelayMs: 0 });
    const targets = sim.store
      .records(entityId)
      .filter((r) => r.sync_status === 'done')
      .slice(0, 300);
    for (const r of targets) await push(client, r.id);
    clock.advance(1);
    const settled = targets.map((r) => sim.store.record(entityId, r.id));
    const done = settled.filter((r) => r?.sync_status === 'done');
    expect(done.length / settled.length).toBeGreaterThan(0.6);
    expect(done.length / settled.length).toBeLessThan(0.8);
    expect(done.every((r) => r && Object.keys(r.errors).length === 0 && r.platform_object_id)).toBe(true);
    const mismatched = settled.filter((r) => {
      if (r?.sync_status !== 'error') return false;
      const source = PROVIDER_MESSAGES.find((m) => m.text === summariseErrors(r.errors));
      return source?.family !== familyOf(r.platform) || !source.objectTypes.includes(r.object_type);
    });
    expect(mismatched).toEqual([]);
  });

  it('counts pushes per record and in total', async () => {
    const { sim, entityId, client } = await setup();
    const [a, b] = sim.store.records(entityId);
    await push(client, a?.id ?? '');
    await push(client, a?.id ?? '');
    await push(client, b?.id ?? '');
    expect(sim.store.pushCount(a?.id ?? '')).toBe(2);
    expect(sim.store.pushCount(b?.id ?? '')).toBe(1);
    expect(sim.store.totalPushes()).toBe(3);

    const [foreign] = sim.store.records(sim.entities[1]?.id ?? '');
    expect((await push(client, foreign?.id ?? '')).status).toBe(404);
    expect((await push(client, 'nope')).status).toBe(422);
    expect(sim.store.totalPushes()).toBe(3);
  });

  it('lets a test force the outcome of the next push', async () => {
    const { clock, sim, entityId, client } = await setup();
    const [r] = sim.store.records(entityId);
    sim.faults.forcePushOutcome(r?.id ?? '', 'error');
    await push(client, r?.id ?? '');
    clock.advance(2000);
    const failed = sim.store.record(entityId, r?.id ?? '');
    expect(failed?.sync_status).toBe('error');
    expect(summariseErrors(failed?.errors)).toEqual(expect.any(String));
  });

  it('settles the seeded pending records within minutes of start', async () => {
    const { clock, sim, entityId } = await setup();
    const pending = sim.store.records(entityId).filter((r) => r.sync_status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    clock.advance(5 * 60_000);
    const after = pending.map((r) => sim.store.record(entityId, r.id));
    expect(after.filter((r) => r?.sync_status === 'pending')).toEqual([]);
    for (const r of after) expect(Date.parse(r?.updated_at ?? '')).toBeGreaterThan(START);
  });
});
