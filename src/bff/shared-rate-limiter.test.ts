import type { Db } from './db/database';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database';
import { openPostgres } from './db/postgres';
import { createTestDatabase } from './db/test-postgres';
import { parseDatabaseUrl } from './db/url';
import type { Priority } from './rate-limiter';
import { RateBudget, SharedRateLimiter } from './shared-rate-limiter';

const LIMIT = 25;
const WINDOW = 1050;
const T0 = 1_800_000_000_000;

/** Instances on one database: each its own connection, so their claims really race. */
async function instances(count: number): Promise<{ dbs: Db[]; url: string }> {
  const url = await createTestDatabase({ migrated: true });
  const location = parseDatabaseUrl(url);
  if (location.engine !== 'postgres') throw new Error(`not a PostgreSQL database: ${url}`);
  const dbs = await Promise.all(Array.from({ length: count }, () => openPostgres(location)));
  return { dbs, url };
}

type Grant = { who: number; slot: number; claimedAt: number };

/**
 * Instances wanting turns, on a virtual clock: each asks again when its last answer said to (at
 * once after a turn), and those due at the same instant ask together, in the order given.
 */
async function simulate(
  budgets: RateBudget[],
  wants: (who: number, now: number, grants: Grant[]) => Priority | undefined,
  [from, until]: [number, number],
  race = true,
): Promise<Grant[]> {
  const grants: Grant[] = [];
  const nextTry = budgets.map(() => from);
  for (let now = from; now < until; now = Math.min(...nextTry)) {
    const due = budgets.map((_, who) => who).filter((who) => nextTry[who]! <= now);
    const ask = async (who: number) => {
      const priority = wants(who, now, grants);
      if (!priority) return void (nextTry[who] = now + 1);
      const claim = await budgets[who]!.claim(priority, now);
      if ('slot' in claim) grants.push({ who, slot: claim.slot, claimedAt: now });
      nextTry[who] = 'slot' in claim ? now : claim.retryAt;
    };
    if (race) await Promise.all(due.map(ask));
    else for (const who of due) await ask(who);
  }
  return grants;
}

const clicksServed = (grants: Grant[]) => grants.filter((g) => g.who === 1).length;

/** The most turns in any window of `WINDOW` ms. */
function busiestWindow(slots: number[]): number {
  const sorted = slots.toSorted((a, b) => a - b);
  return Math.max(...sorted.map((start, i) => sorted.slice(i).filter((s) => s < start + WINDOW).length));
}

describe('the shared Monite rate budget (PostgreSQL)', () => {
  let dbs: Db[];
  let budgets: RateBudget[];
  beforeAll(async () => {
    ({ dbs } = await instances(3));
    budgets = dbs.map((db) => new RateBudget(db, LIMIT));
  }, 60_000);
  afterAll(() => Promise.all(dbs.map((db) => db.destroy())));

  it('keeps three instances together within the limit in every window, near the limit', async () => {
    const grants = await simulate(budgets, () => 'bulk', [T0, T0 + 3000]);
    expect(new Set(grants.map((g) => g.who))).toEqual(new Set([0, 1, 2]));
    expect(busiestWindow(grants.map((g) => g.slot))).toBeLessThanOrEqual(LIMIT);
    // 3 s at 25/s over 1.05 s windows is about 71 turns; no instance's turn is lost in a race.
    expect(grants.length).toBeGreaterThanOrEqual(Math.floor((3000 / WINDOW) * LIMIT) - 1);
  });

  it('serves clicks waiting on instance B before bulk work waiting on instance A', async () => {
    const start = T0 + 10_000;
    const clickFrom = start + 200;
    const grants = await simulate(
      budgets.slice(0, 2),
      (who, now, sofar) =>
        who === 0 ? 'bulk' : now >= clickFrom && clicksServed(sofar) < 3 ? 'interactive' : undefined,
      [start, start + 800],
      false, // A asks first at every instant: the worst case for B
    );
    const clickTurns = grants.filter((g) => g.who === 1).map((g) => g.slot);
    expect(clickTurns).toHaveLength(3);
    const bulkAfter = grants.filter((g) => g.who === 0 && g.claimedAt >= clickFrom).map((g) => g.slot);
    expect(bulkAfter.length).toBeGreaterThan(0);
    expect(Math.min(...bulkAfter)).toBeGreaterThan(Math.max(...clickTurns));
  });

  it('holds every instance, clicks too, while a 429 pause from one of them lasts', async () => {
    const now = T0 + 20_000;
    const until = now + 2000;
    await budgets[0]!.pause(until);
    await budgets[0]!.pause(now + 500); // an earlier pause never shortens it
    for (const priority of ['interactive', 'bulk'] as const) {
      const refused = await budgets[1]!.claim(priority, now + 100);
      expect(refused).toEqual({ retryAt: expect.any(Number) });
      const retryAt = (refused as { retryAt: number }).retryAt;
      expect(retryAt).toBeGreaterThanOrEqual(until - budgets[1]!.lead);
      const granted = await budgets[1]!.claim(priority, retryAt + budgets[1]!.lead);
      expect((granted as { slot: number }).slot).toBeGreaterThanOrEqual(until);
    }
  });
});

describe('SharedRateLimiter', () => {
  it('lets a click on instance B overtake the bulk requests queued on instance A', async () => {
    const { dbs } = await instances(2);
    const log = pino({ level: 'silent' });
    // Turns 210 ms apart: B claims its next click's turn two round trips after it woke for the last,
    // and A's bulk work wakes 210 ms after B. At 20 a second that margin was 53 ms, which a loaded
    // machine's PostgreSQL round trips sometimes used up, letting a bulk turn slip between clicks.
    const budgets = dbs.map((db) => new RateBudget(db, 5));
    const [a, b] = budgets.map((budget) => new SharedRateLimiter(budget, log));
    try {
      const order: string[] = [];
      const bulk = Array.from({ length: 8 }, (_, i) => a!.take('bulk').then(() => order.push(`bulk ${i}`)));
      await bulk[0];
      const clicks = Array.from({ length: 4 }, (_, i) =>
        b!.take('interactive').then(() => order.push(`click ${i}`)),
      );
      await Promise.all([...bulk, ...clicks]);
      // The bulk request already served, and the turns A had claimed ahead before B's first click.
      const claimedAhead = Math.ceil(budgets[0]!.lead / budgets[0]!.interval);
      const lastClick = order.indexOf('click 3');
      expect(lastClick).toBeGreaterThan(0);
      expect(order.slice(0, lastClick + 1).filter((o) => o.startsWith('bulk')).length).toBeLessThanOrEqual(
        1 + claimedAhead,
      );
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });

  it('gives a turn it claimed ahead for bulk work to a click that arrived meanwhile', async () => {
    const { dbs } = await instances(1);
    // Turns 210 ms apart: the next is claimed well before the click comes, and comes well after.
    const limiter = new SharedRateLimiter(new RateBudget(dbs[0]!, 5), pino({ level: 'silent' }));
    try {
      const order: string[] = [];
      const bulk = Array.from({ length: 3 }, (_, i) =>
        limiter.take('bulk').then(() => order.push(`bulk ${i}`)),
      );
      await bulk[0];
      await sleep(50);
      await limiter.take('interactive').then(() => order.push('click'));
      await Promise.all(bulk);
      expect(order.slice(0, 2)).toEqual(['bulk 0', 'click']);
    } finally {
      await dbs[0]!.destroy();
    }
  });

  it('holds a turn it claimed ahead until a pause it is told of has passed', async () => {
    const { dbs } = await instances(1);
    const limiter = new SharedRateLimiter(new RateBudget(dbs[0]!, 5), pino({ level: 'silent' }));
    try {
      await limiter.take('bulk');
      const next = limiter.take('bulk');
      await sleep(50); // the next turn, 210 ms after the first, is claimed by now
      const until = Date.now() + 400;
      limiter.pauseUntil(until);
      await next;
      expect(Date.now()).toBeGreaterThanOrEqual(until);
    } finally {
      await dbs[0]!.destroy();
    }
  });

  it('works on SQLite too, where migration 012 adds the same row', async () => {
    const db = await openDatabase('sqlite::memory:');
    try {
      const budget = new RateBudget(db, LIMIT);
      const grants = await simulate([budget, new RateBudget(db, LIMIT)], () => 'bulk', [T0, T0 + 2000]);
      expect(busiestWindow(grants.map((g) => g.slot))).toBeLessThanOrEqual(LIMIT);
    } finally {
      await db.destroy();
    }
  });
});
