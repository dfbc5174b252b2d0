/**
 * @fastify/rate-limit's counters in the database instead of one process's memory, so every
 * server process on it counts the same sign-in attempts from an address (issue 10). One fixed
 * window per route and address: the first request opens it, and the next request after it
 * ends opens another.
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database';

type Counted = { current: number; ttl: number };
/** What the plugin hands a store: a route's limit (its window by now in milliseconds) and route. */
type StoreOptions = { timeWindow?: unknown; routeInfo?: { method?: unknown; url?: string } };

/** The store @fastify/rate-limit builds (`store` option), counting in `db` by the clock `now`. */
export function addressLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  return class AddressLimitStore {
    /** `route`: which route's limit (the plugin makes one store per route it limits). */
    constructor(
      private readonly options: object,
      private readonly route = '',
    ) {}

    incr(address: string, done: (error: Error | null, counted?: Counted) => void): void {
      const windowMs = Number((this.options as StoreOptions).timeWindow);
      count(db, `${this.route} ${address}`, windowMs, now()).then(
        (counted) => done(null, counted),
        (error: Error) => done(error),
      );
    }

    // Typed by the plugin as the route's options; it passes them merged with the limit's.
    child(routeOptions: object) {
      const { method, url = '' } = (routeOptions as StoreOptions).routeInfo ?? {};
      return new AddressLimitStore(routeOptions, `${String(method)} ${url}`);
    }
  };
}

async function count(db: Db, key: string, windowMs: number, at: number): Promise<Counted> {
  const ended = sql<boolean>`address_window.ends_at <= ${at}`;
  const row = await db
    .insertInto('address_window')
    .values({ key, hits: 1, ends_at: at + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when ${ended} then 1 else address_window.hits + 1 end`,
        ends_at: sql`case when ${ended} then ${at + windowMs} else address_window.ends_at end`,
      }),
    )
    .returning(['hits', 'ends_at'])
    .executeTakeFirstOrThrow();
  // Other addresses' ended windows go: the table holds only the current ones.
  await db.deleteFrom('address_window').where('ends_at', '<=', at).execute();
  return { current: row.hits, ttl: row.ends_at - at };
}
