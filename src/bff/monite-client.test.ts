import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MONITE_VERSION } from '../monite/schemas';
import { toHttpError } from './http-errors';
import { MoniteClient, READ_ATTEMPTS } from './monite-client';
import { CLIENT_ID, CLIENT_SECRET, MONITE_URL, startBff, useSimulatedMonite } from './test/harness';

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
    const refused = await bff.monite.listEntities().catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'credentials', status: 401 });
    expect(toHttpError(refused).body().error).toEqual({
      code: 'upstream_access_refused',
      message: expect.stringMatching(
        /^Monite refused Sync Desk's credentials: Wrong client_id or client_secret .*An administrator/,
      ),
      details: { monite_request_id: expect.any(String) },
    });
    // Retrying cannot make wrong credentials right.
    expect(tokenRequests(bff)).toBe(1);
    await bff.close();
  });
});

/** Every request the simulator logged with a Bearer token (the token request is not counted by Monite's client quota). */
const apiRequests = (bff: Awaited<ReturnType<typeof startBff>>) =>
  bff.sim.store.requests.filter((r) => r.headers.authorization);

const ms = (r: { at: string }) => Date.parse(r.at);

/** The most requests that arrived within any one second. */
function busiestSecond(times: number[]): number {
  const sorted = times.toSorted((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] ?? Infinity) <= (sorted[i] ?? 0) - 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('MoniteClient under a rate limit', () => {
  it('keeps concurrent callers within the limit in every second, without a single 429', async () => {
    const bff = await startBff({ rateLimitPerSecond: 100 }, { rateLimit: 100 });
    await bff.monite.accessToken();
    const ids = bff.sim.store.records(bff.entityId).map((r) => r.id);
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => bff.monite.getRecord(bff.entityId, ids[i % ids.length]!)),
    );
    expect(results).toHaveLength(150);
    const requests = apiRequests(bff);
    expect(requests).toHaveLength(150);
    expect(requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(busiestSecond(requests.map(ms))).toBeLessThanOrEqual(100);
    await bff.close();
  });

  it('serves a waiting interactive call before the bulk calls queued ahead of it', async () => {
    // Monite's quota far above ours, so its RateLimit-Remaining never reaches 0 here.
    const bff = await startBff({ rateLimitPerSecond: 1000 }, { rateLimit: 40 });
    await bff.monite.accessToken();
    const [first, ...rest] = bff.sim.store.records(bff.entityId).map((r) => r.id);
    const bulkIds = rest.slice(0, 30);
    const bulk = bulkIds.map((id) => bff.monite.getRecord(bff.entityId, id, { priority: 'bulk' }));
    const interactive = bff.monite.getRecord(bff.entityId, first!);
    await Promise.all([...bulk, interactive]);
    const order = apiRequests(bff).map((r) => r.path.split('/').at(-1));
    // Only the small burst the bucket holds went out before it.
    expect(order.indexOf(first)).toBeLessThanOrEqual(4);
    // Bulk calls keep their own order.
    expect(order.filter((id) => id !== first)).toEqual(bulkIds);
    await bff.close();
  });

  it('sends background reads (document summaries) only when no bulk call waits', async () => {
    const bff = await startBff({ rateLimitPerSecond: 1000 }, { rateLimit: 40 });
    await bff.monite.accessToken();
    const ids = bff.sim.store.records(bff.entityId).map((r) => r.id);
    const backgroundIds = ids.slice(0, 10);
    const bulkIds = ids.slice(10, 40);
    const background = backgroundIds.map((id) =>
      bff.monite.getRecord(bff.entityId, id, { priority: 'background' }),
    );
    const bulk = bulkIds.map((id) => bff.monite.getRecord(bff.entityId, id, { priority: 'bulk' }));
    await Promise.all([...background, ...bulk]);
    const order = apiRequests(bff).map((r) => r.path.split('/').at(-1));
    // The bucket's small burst went to the first background calls; then every bulk call went first.
    expect(order.slice(-10 + 4)).toEqual(backgroundIds.slice(4));
    expect(order.filter((id) => bulkIds.includes(id!))).toEqual(bulkIds);
    await bff.close();
  });

  it("holds every caller until a 429's Retry-After has passed, and does not retry a push itself", async () => {
    const bff = await startBff();
    const [a, b] = bff.sim.store.records(bff.entityId);
    bff.sim.faults.throttleNext(1, 1, '/push');
    await expect(bff.monite.pushRecord(bff.entityId, a!.id)).rejects.toMatchObject({
      status: 429,
      retryAfter: 1,
    });
    await bff.monite.getRecord(bff.entityId, b!.id);
    const [throttled, next, ...more] = apiRequests(bff);
    expect(throttled).toMatchObject({ method: 'POST', status: 429 });
    expect(next).toMatchObject({ method: 'GET', status: 200 });
    expect(more).toEqual([]);
    expect(ms(next!)).toBeGreaterThanOrEqual(ms(throttled!) + 1000);
    expect(bff.sim.store.pushCount(a!.id)).toBe(0);
    await bff.close();
  });

  it('waits for the reset when Monite says no requests remain in this window', async () => {
    const bff = await startBff({ rateLimitPerSecond: 3 });
    await bff.monite.accessToken();
    const id = bff.sim.store.records(bff.entityId)[0]!.id;
    // Not at the end of a second, so the first three requests share one window upstream.
    if (Date.now() % 1000 > 800)
      await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    for (let i = 0; i < 5; i++) await bff.monite.getRecord(bff.entityId, id);
    const requests = apiRequests(bff);
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // The third answer said RateLimit-Remaining: 0, RateLimit-Reset: 1: the fourth waits for the next window.
    const second = (r: (typeof requests)[number]) => Math.floor(ms(r) / 1000);
    expect(second(requests[3]!)).toBeGreaterThan(second(requests[2]!));
    await bff.close();
  });
});

/** A client whose every connection fails with this error code; the error and how often it tried. */
const failingWith = async (code: string) => {
  let tries = 0;
  const client = new MoniteClient(
    {
      baseUrl: MONITE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      version: MONITE_VERSION,
      timeoutMs: 1000,
      rateLimitPerSecond: 100,
      readRetryDelayMs: 1,
    },
    pino({ level: 'silent' }),
    () => {
      tries += 1;
      return Promise.reject(
        new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) }),
      );
    },
  );
  const error = await client.listEntities().catch((e: unknown) => e);
  return { error, tries };
};

describe('MoniteClient network failures', () => {
  it('tells a connection that never opened from one that may have carried the request', async () => {
    expect((await failingWith('ECONNREFUSED')).error).toMatchObject({ kind: 'network', neverSent: true });
    expect((await failingWith('ENOTFOUND')).error).toMatchObject({ kind: 'network', neverSent: true });
    expect((await failingWith('ECONNRESET')).error).toMatchObject({ kind: 'network', neverSent: false });
    // A read is safe to send again: it is, a bounded number of times.
    expect((await failingWith('ECONNRESET')).tries).toBe(READ_ATTEMPTS);
  });
});
