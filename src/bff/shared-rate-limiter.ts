/**
 * The Monite request budget shared by every instance on one PostgreSQL database (issue 10;
 * docs/decisions/012-shared-rate-budget.md), so that together they stay under MONITE_RATE_LIMIT.
 *
 * The budget is one row (migration 012): turns are handed out one `interval` apart, where the
 * interval is the one-second window plus its margin divided by the limit, so no window of that
 * length holds more than `perSecond` turns whichever instance took them. Each turn is claimed by
 * one atomic `update … returning` (no transaction, no lock held between statements), up to
 * `lead` ms before it is due, and the caller is released at its turn's time. A 429 pause is a
 * column every instance reads. Priorities: each instance serves its own waiters interactive >
 * bulk > background; across instances, an instance with a person's click waiting marks the row
 * ("interactive until"): the next free turn is kept for it, and bulk and background work
 * everywhere may only take the turns after it (if that instance died, one turn is lost).
 *
 * Instances' clocks are assumed to agree within the window margin (NTP does far better).
 */
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Db } from './db/database';
import { isPostgres } from './db/engine';
import { openPostgres } from './db/postgres';
import { parseDatabaseUrl } from './db/url';
import { PRIORITIES, RateLimiter, WINDOW_MS, type Limiter, type Priority } from './rate-limiter';

/** The answer to one claim: a turn at `slot` (ms), or come back at `retryAt`. */
export type Claim = { slot: number } | { retryAt: number };

type BudgetRow = {
  next_at: number;
  paused_until: number;
  interactive_until: number;
  grant_token: string;
};

/** See `RateBudget.lead`. */
const MIN_LEAD_MS = 100;

/** A database failure is retried after this long; the callers keep waiting meanwhile. */
const DB_RETRY_MS = 500;

/** A time or duration in ms as a bigint parameter (PostgreSQL would otherwise guess text). */
const ms = (value: number) => sql`cast(${Math.ceil(value)} as bigint)`;

/** The larger of several values: `greatest` on PostgreSQL, the scalar `max` on SQLite. */
const greatestOf = (db: Db) => sql.raw(isPostgres(db) ? 'greatest' : 'max');

/** The `rate_budget` row: every instance's claims and pauses go through it. */
export class RateBudget {
  /** Ms between two turns. */
  readonly interval: number;
  /**
   * How early a turn may be claimed: a claim answered after its turn has begun loses the time
   * since, so this covers a slow round trip and a late timer on a busy machine (answers took up
   * to 200 ms under load in bench/rate-budget.ts). A click may wait behind the bulk turns
   * claimed this far ahead.
   */
  readonly lead: number;

  constructor(
    // Its statements are SQL of its own: the row is this module's alone (not in db/schema.ts).
    private readonly db: Db,
    perSecond: number,
    { marginMs = 50 }: { marginMs?: number } = {},
  ) {
    if (!(perSecond > 0)) throw new Error(`rate limit must be > 0 requests/s, got ${perSecond}`);
    this.interval = Math.ceil((WINDOW_MS + marginMs) / Math.max(1, Math.floor(perSecond)));
    this.lead = Math.max(this.interval, MIN_LEAD_MS);
  }

  /** Takes the next turn if it is due by `now + lead` and this priority may have it. */
  async claim(priority: Priority, now: number): Promise<Claim> {
    const greatest = greatestOf(this.db);
    const slot = sql`${greatest}(next_at, paused_until, ${ms(now)})`;
    const interactive = priority === 'interactive';
    const mayTake = interactive ? sql`` : sql`and interactive_until <= ${slot}`;
    const ready = sql`(${slot} <= ${ms(now + this.lead)} ${mayTake})`;
    const token = randomUUID();
    // A click that must wait reserves the next free turn: bulk work may only take turns after it.
    const interactiveUntil = interactive
      ? sql`case when ${ready} then interactive_until
          else ${greatest}(interactive_until, ${slot} + ${ms(this.interval)}) end`
      : sql`interactive_until`;
    const { rows } = await sql<BudgetRow>`update rate_budget set
        next_at = case when ${ready} then ${slot} + ${ms(this.interval)} else next_at end,
        interactive_until = ${interactiveUntil},
        grant_token = case when ${ready} then ${token} else grant_token end
      where name = 'monite'
      returning next_at, paused_until, interactive_until, grant_token`.execute(this.db);
    const row = rows[0];
    if (!row) throw new Error('The rate_budget row is missing (migration 012).');
    if (row.grant_token === token) return { slot: Number(row.next_at) - this.interval };
    const due = Math.max(Number(row.next_at), Number(row.paused_until)) - this.lead;
    const held = interactive ? 0 : Number(row.interactive_until) - this.lead;
    return { retryAt: Math.max(now + 1, due, held) };
  }

  /** No instance takes a turn before `until` (ms); an earlier pause never shortens a later one. */
  async pause(until: number): Promise<void> {
    await sql`update rate_budget set paused_until = ${greatestOf(this.db)}(paused_until, ${ms(until)})
      where name = 'monite'`.execute(this.db);
  }
}

/**
 * One instance's gate onto the shared budget, with the in-memory limiter's interface: waiters
 * queue locally by priority, and one loop at a time claims turns for the first of them.
 */
export class SharedRateLimiter implements Limiter {
  private readonly waiting: Record<Priority, (() => void)[]> = { interactive: [], bulk: [], background: [] };
  private pumping = false;
  /** The latest pause this instance was told of (other instances' reach it through the row). */
  private pausedUntil = 0;
  /** Turns claimed and not yet come: as many waiters are served by them. */
  private held = 0;
  /** While the loop waits for a turn: for whom, and how to wake it early. */
  private asleep: { priority: Priority; wake: () => void } | undefined;

  constructor(
    private readonly budget: RateBudget,
    private readonly log: FastifyBaseLogger,
  ) {}

  take(priority: Priority = 'interactive'): Promise<void> {
    return new Promise((resolve) => {
      this.waiting[priority].push(resolve);
      // A click arriving while bulk work waits out another instance's click asks at once.
      if (this.asleep && PRIORITIES.indexOf(priority) < PRIORITIES.indexOf(this.asleep.priority))
        this.asleep.wake();
      void this.pump();
    });
  }

  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.budget.pause(until).catch((error: unknown) => {
      this.log.error({ err: error }, 'could not share a Monite rate-limit pause');
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let priority = this.unserved(); priority; priority = this.unserved()) {
        let claim: Claim;
        try {
          claim = await this.budget.claim(priority, Date.now());
        } catch (error) {
          this.log.error({ err: error }, 'the shared Monite rate budget could not be read');
          await this.sleep(priority, Date.now() + DB_RETRY_MS);
          continue;
        }
        if ('retryAt' in claim) {
          await this.sleep(priority, claim.retryAt);
          continue;
        }
        this.held += 1;
        setTimeout(() => this.release(), Math.max(0, claim.slot - Date.now()));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** A claimed turn has come: it goes to whoever comes first now (a click may have arrived since). */
  private release(): void {
    // A turn claimed before this instance was told to pause waits the pause out.
    const paused = this.pausedUntil - Date.now();
    if (paused > 0) return void setTimeout(() => this.release(), paused);
    this.held -= 1;
    const priority = PRIORITIES.find((p) => this.waiting[p].length > 0);
    if (priority) this.waiting[priority].shift()?.();
  }

  /** The priority of the first waiter no claimed turn will serve. */
  private unserved(): Priority | undefined {
    let served = this.held;
    for (const priority of PRIORITIES) {
      if (this.waiting[priority].length > served) return priority;
      served -= this.waiting[priority].length;
    }
    return undefined;
  }

  private sleep(priority: Priority, until: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.asleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, until - Date.now()));
      this.asleep = { priority, wake: done };
    });
  }
}

/**
 * The limiter for a database: on PostgreSQL the shared budget, over a connection of its own so a
 * turn never waits behind the server's other statements (its pool holds one connection); on
 * SQLite, where one server runs a database, the in-memory limiter.
 */
export async function openRateLimiter(
  databaseUrl: string,
  perSecond: number,
  log: FastifyBaseLogger,
): Promise<{ limiter: Limiter; close(): Promise<void> }> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.engine !== 'postgres') return { limiter: new RateLimiter(perSecond), close: async () => {} };
  const db = await openPostgres(location);
  return { limiter: new SharedRateLimiter(new RateBudget(db, perSecond), log), close: () => db.destroy() };
}
