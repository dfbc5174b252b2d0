/**
 * Failed sign-ins per account: after `max` failures within `windowMs` the account is locked
 * until the oldest failure leaves the window. (Per-IP limits are @fastify/rate-limit's job.)
 * Kept in the database, so every server process on it counts the same failures.
 */
import type { Db } from '../db/database';

/** Bounds the table against a spray of made-up emails: the oldest failures go first. */
const MAX_TRACKED = 10_000;

export class FailedAttempts {
  constructor(
    private readonly db: Db,
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds until this account may try again, or 0. */
  async lockedFor(key: string, now = Date.now()): Promise<number> {
    const recent = await this.db
      .selectFrom('sign_in_failure')
      .select('at')
      .where('account', '=', key)
      .where('at', '>', now - this.windowMs)
      .orderBy('at')
      .execute();
    return recent.length < this.max ? 0 : Math.ceil((recent[0]!.at + this.windowMs - now) / 1000);
  }

  async fail(key: string, now = Date.now()): Promise<void> {
    await this.db.insertInto('sign_in_failure').values({ account: key, at: now }).execute();
    await this.db
      .deleteFrom('sign_in_failure')
      .where((eb) =>
        eb.or([
          eb('at', '<=', now - this.windowMs),
          eb(
            'at',
            '<',
            eb
              .selectFrom('sign_in_failure')
              .select('at')
              .orderBy('at', 'desc')
              .limit(1)
              .offset(MAX_TRACKED - 1),
          ),
        ]),
      )
      .execute();
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_failure').where('account', '=', key).execute();
  }
}
