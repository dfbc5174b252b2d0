import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { addressLimitStore } from './address-limits';

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.destroy());

/** A route's store as @fastify/rate-limit makes it: the plugin's store, then the route's child. */
function routeStore(clock: { now: number }, url: string) {
  const Store = addressLimitStore(db, () => clock.now);
  const store = new Store({}).child({ timeWindow: 60_000, routeInfo: { method: 'POST', url } } as never);
  return (address: string) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store.incr(address, (error, counted) => (error ? reject(error) : resolve(counted!))),
    );
}

describe('addressLimitStore', () => {
  it('counts requests per address and route in a window, and starts again after it', async () => {
    const clock = { now: 1_000_000 };
    const signIn = routeStore(clock, '/api/session');
    expect(await signIn('10.0.0.1')).toEqual({ current: 1, ttl: 60_000 });
    clock.now += 20_000;
    expect(await signIn('10.0.0.1')).toEqual({ current: 2, ttl: 40_000 });
    expect(await signIn('10.0.0.2')).toEqual({ current: 1, ttl: 60_000 });
    expect(await routeStore(clock, '/api/oidc/start')('10.0.0.1')).toMatchObject({ current: 1 });

    clock.now += 40_000;
    expect(await signIn('10.0.0.1')).toEqual({ current: 1, ttl: 60_000 });
  });

  it("counts one address's requests together across the servers' stores", async () => {
    const clock = { now: 1_000_000 };
    const a = routeStore(clock, '/api/session');
    const b = routeStore(clock, '/api/session');
    await a('10.0.0.1');
    await b('10.0.0.1');
    expect(await a('10.0.0.1')).toMatchObject({ current: 3 });
  });

  it('keeps only windows that have not ended', async () => {
    const clock = { now: 1_000_000 };
    const signIn = routeStore(clock, '/api/session');
    for (let i = 0; i < 5; i++) await signIn(`10.0.0.${i}`);
    clock.now += 60_000;
    await signIn('10.0.1.1');
    const keys = await db.selectFrom('address_window').select('key').execute();
    expect(keys).toEqual([{ key: 'POST /api/session 10.0.1.1' }]);
  });
});
