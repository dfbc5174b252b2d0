import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MONITE_VERSION } from '../../monite/schemas';
import { MoniteClient } from '../monite-client';
import { PushFailedError, pushSafely, tookEffect } from './push-safely';
import { CLIENT_ID, CLIENT_SECRET, MONITE_URL, startBff, useSimulatedMonite } from '../test/harness';

useSimulatedMonite();

/** Pushed records stay pending for a minute unless a test says otherwise. */
async function setup(simOptions: Parameters<typeof startBff>[0] = {}) {
  const bff = await startBff({ pushDelayMs: 60_000, ...simOptions });
  const record = bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'error')!;
  const calls = () =>
    bff.sim.store.requests
      .filter((r) => r.path.includes(record.id))
      .map((r) => `${r.method === 'POST' ? 'push' : 'read'} ${r.status}`);
  return { bff, record, calls };
}

/** A client of the same simulator with its own settings (e.g. a short timeout). */
function clientWith(overrides: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}) {
  return new MoniteClient(
    {
      baseUrl: MONITE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      version: MONITE_VERSION,
      timeoutMs: overrides.timeoutMs ?? 2000,
      rateLimitPerSecond: 1000,
    },
    pino({ level: 'silent' }),
    overrides.fetchImpl,
  );
}

const fast = { retryDelayMs: 10 };

describe('pushSafely', () => {
  it('pushes once and returns the pending record, with the before-state read from Monite', async () => {
    const { bff, record, calls } = await setup();
    const result = await pushSafely(bff.monite, bff.entityId, record.id, fast);
    expect(result).toMatchObject({ attempts: 1, requestId: expect.any(String) });
    expect(result.record).toMatchObject({ id: record.id, sync_status: 'pending' });
    expect(calls()).toEqual(['read 200', 'push 200']);
    await bff.close();
  });

  it('pushes again after a 5xx that Monite answered before acting', async () => {
    const { bff, record, calls } = await setup();
    bff.sim.faults.failNext(1, 503, '/push');
    const result = await pushSafely(bff.monite, bff.entityId, record.id, { ...fast, before: record });
    expect(result.attempts).toBe(2);
    expect(result.record.sync_status).toBe('pending');
    // The re-read showed the record untouched, so the second push was safe.
    expect(calls()).toEqual(['push 503', 'read 200', 'push 200']);
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('does not push again after a 5xx that Monite answered after acting, and returns the pending record', async () => {
    const { bff, record, calls } = await setup();
    bff.sim.faults.failAfterProcessing(1, 502, '/push');
    const result = await pushSafely(bff.monite, bff.entityId, record.id, { ...fast, before: record });
    expect(result).toMatchObject({ attempts: 1, requestId: expect.any(String) });
    expect(result.record).toMatchObject({ id: record.id, sync_status: 'pending' });
    expect(calls()).toEqual(['push 502', 'read 200']);
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('does not push again after a timeout on a push Monite acted on', async () => {
    const { bff, record, calls } = await setup();
    bff.sim.faults.delayNext(1, 500, '/push');
    const monite = clientWith({ timeoutMs: 100 });
    const result = await pushSafely(monite, bff.entityId, record.id, { ...fast, before: record });
    expect(result.attempts).toBe(1);
    expect(result.record.sync_status).toBe('pending');
    expect(calls()).toEqual(['push 200', 'read 200']);
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('does not push again when the lost push has already settled (the record changed since)', async () => {
    const { bff, record } = await setup({ pushDelayMs: 0 });
    bff.sim.faults.failAfterProcessing(1, 500, '/push');
    const result = await pushSafely(bff.monite, bff.entityId, record.id, { ...fast, before: record });
    expect(['done', 'error']).toContain(result.record.sync_status);
    expect(Date.parse(result.record.updated_at)).toBeGreaterThan(Date.parse(record.updated_at));
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('gives up after maxAttempts pushes, saying why', async () => {
    const { bff, record, calls } = await setup();
    bff.sim.faults.failNext(10, 503, '/push');
    const failure = await pushSafely(bff.monite, bff.entityId, record.id, {
      ...fast,
      before: record,
      maxAttempts: 3,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PushFailedError);
    expect(failure).toMatchObject({
      code: 'unavailable',
      attempts: 3,
      message: expect.stringMatching(
        /^Push failed after 3 attempts: Monite answered 503: Service Unavailable/,
      ),
      requestId: expect.any(String),
    });
    expect(calls().filter((c) => c.startsWith('push'))).toHaveLength(3);
    expect(bff.sim.store.pushCount(record.id)).toBe(0);
    await bff.close();
  });

  it('retries a 429 once Retry-After has passed, without re-reading (Monite did not act)', async () => {
    const { bff, record, calls } = await setup();
    bff.sim.faults.throttleNext(1, 1, '/push');
    const result = await pushSafely(bff.monite, bff.entityId, record.id, { ...fast, before: record });
    expect(result.attempts).toBe(2);
    expect(calls()).toEqual(['push 429', 'push 200']);
    const [throttled, pushed] = bff.sim.store.requests.filter((r) => r.path.endsWith('/push'));
    expect(Date.parse(pushed!.at)).toBeGreaterThanOrEqual(Date.parse(throttled!.at) + 1000);
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    await bff.close();
  });

  it('fails at once when Monite asks for a longer wait than allowed', async () => {
    const { bff, record } = await setup();
    bff.sim.faults.throttleNext(1, 120, '/push');
    await expect(
      pushSafely(bff.monite, bff.entityId, record.id, { ...fast, before: record }),
    ).rejects.toMatchObject({ code: 'rate_limited', attempts: 1, message: expect.stringContaining('120 s') });
    await bff.close();
  });

  it('pushes again without re-reading when the connection was refused', async () => {
    const { bff, record, calls } = await setup();
    let refuse = 1;
    const monite = clientWith({
      fetchImpl: (input, init) => {
        if (String(input).endsWith('/push') && refuse-- > 0) {
          const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
          return Promise.reject(new TypeError('fetch failed', { cause }));
        }
        return fetch(input, init);
      },
    });
    const result = await pushSafely(monite, bff.entityId, record.id, { ...fast, before: record });
    expect(result.attempts).toBe(2);
    expect(calls()).toEqual(['push 200']);
    await bff.close();
  });

  it('refuses a record Monite still has pending, and a push Monite rejects is not retried', async () => {
    const { bff, record, calls } = await setup();
    await bff.monite.pushRecord(bff.entityId, record.id);
    await expect(pushSafely(bff.monite, bff.entityId, record.id, fast)).rejects.toMatchObject({
      code: 'already_pending',
      attempts: 0,
    });
    expect(bff.sim.store.pushCount(record.id)).toBe(1);
    expect(calls()).toEqual(['push 200', 'read 200']);

    const unknown = crypto.randomUUID();
    await expect(
      pushSafely(bff.monite, bff.entityId, unknown, { ...fast, before: record }),
    ).rejects.toMatchObject({ code: 'rejected', attempts: 1, message: expect.stringContaining('404') });
    await bff.close();
  });

  it('never pushes a record twice under random failures before and after processing', async () => {
    // Monite's quota far above ours, so its RateLimit-Remaining never pauses this test.
    const { bff } = await setup({ pushDelayMs: 20, rateLimitPerSecond: 1000 });
    bff.sim.faults.setRandomFailureRate(0.3, { afterProcessingShare: 0.5 });
    const records = bff.sim.store
      .records(bff.entityId)
      .filter((r) => r.sync_status === 'error')
      .slice(0, 40);
    const outcomes = await Promise.allSettled(
      records.map((r) =>
        pushSafely(bff.monite, bff.entityId, r.id, { ...fast, priority: 'bulk', maxAttempts: 4 }),
      ),
    );
    const counts = records.map((r) => bff.sim.store.pushCount(r.id));
    expect(Math.max(...counts)).toBe(1);
    const pushesOfSuccesses = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [counts[i]] : []));
    expect(pushesOfSuccesses.every((count) => count === 1)).toBe(true);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(failures.every((reason) => reason instanceof PushFailedError)).toBe(true);
    expect(records).toHaveLength(40);
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThan(30);
    await bff.close();
  });
});

describe('tookEffect', () => {
  const before = { sync_status: 'error', updated_at: '2025-06-01T12:00:00.000Z' } as const;
  it('reads an unchanged failed (or done) record as a push that did not take', () => {
    expect(tookEffect(before, before)).toBe(false);
    expect(tookEffect(before, { sync_status: 'error', updated_at: '2025-06-01T14:00:00+02:00' })).toBe(false);
    expect(tookEffect(before, { sync_status: 'error', updated_at: '2025-06-01T12:00:00.000400Z' })).toBe(
      false,
    );
    const done = { sync_status: 'done', updated_at: before.updated_at } as const;
    expect(tookEffect(done, done)).toBe(false);
  });

  it('reads pending, or any change since, as a push that took', () => {
    expect(tookEffect(before, { ...before, sync_status: 'pending' })).toBe(true);
    expect(tookEffect(before, { sync_status: 'error', updated_at: '2025-06-01T12:00:00.001Z' })).toBe(true);
    expect(tookEffect(before, { sync_status: 'done', updated_at: '2025-06-01T12:00:02.000Z' })).toBe(true);
    expect(tookEffect(before, { sync_status: 'error', updated_at: 'yesterday' })).toBe(true);
  });
});
