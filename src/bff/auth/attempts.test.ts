import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { FailedAttempts } from './attempts';

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.destroy());

const rows = async () =>
  (
    await db
      .selectFrom('sign_in_failure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('FailedAttempts', () => {
  it('locks an account after the fifth failure until the oldest leaves the window', async () => {
    const attempts = new FailedAttempts(db, 5, 60_000);
    for (let i = 0; i < 4; i++) await attempts.fail('a@example.com', 1000 * i);
    expect(await attempts.lockedFor('a@example.com', 4000)).toBe(0);
    await attempts.fail('a@example.com', 4000);
    expect(await attempts.lockedFor('a@example.com', 5000)).toBe(55);
    expect(await attempts.lockedFor('b@example.com', 5000)).toBe(0);
    expect(await attempts.lockedFor('a@example.com', 60_001)).toBe(0);
  });

  it('counts the failures every server process on the database saw', async () => {
    const one = new FailedAttempts(db, 2, 60_000);
    const other = new FailedAttempts(db, 2, 60_000);
    await one.fail('a@example.com', 0);
    await other.fail('a@example.com', 1000);
    expect(await one.lockedFor('a@example.com', 2000)).toBe(58);
  });

  it('forgets a success, prunes failures that left the window, and stays bounded under a spray of made-up accounts', async () => {
    const attempts = new FailedAttempts(db, 1, 60_000);
    await attempts.fail('a@example.com', 0);
    await attempts.clear('a@example.com');
    expect(await attempts.lockedFor('a@example.com', 1)).toBe(0);

    await attempts.fail('old@example.com', 0);
    await attempts.fail('new@example.com', 60_000);
    expect(await rows()).toBe(1);

    const spray = Array.from({ length: 10_000 }, (_, i) => ({
      account: `user${i}@example.com`,
      at: 60_001 + i,
    }));
    for (let i = 0; i < spray.length; i += 500)
      await db
        .insertInto('sign_in_failure')
        .values(spray.slice(i, i + 500))
        .execute();
    await attempts.fail('last@example.com', 70_001);
    expect(await rows()).toBe(10_000);
    expect(await attempts.lockedFor('new@example.com', 70_002)).toBe(0); // the oldest went first
    expect(await attempts.lockedFor('last@example.com', 70_002)).toBeGreaterThan(0);
  });
});
