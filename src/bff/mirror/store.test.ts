import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { upsertRecords } from './store';
import { syncRecord } from './test-records';

const ENTITY = randomUUID();
let db: Db;

beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.destroy());

const record = () => syncRecord({ object_type: 'bill', sync_status: 'error' });

const mirrored = async () =>
  (
    await db
      .selectFrom('mirror_record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('upsertRecords', () => {
  it('lets other work run while a large write lasts; their queries see it whole, once committed', async () => {
    const events: string[] = [];
    // Scheduled before the write starts: it runs before the write ends only if the write gives
    // the event loop a turn.
    let counted: Promise<unknown> = Promise.resolve();
    setImmediate(() => {
      events.push('other work');
      counted = mirrored().then((n) => events.push(`count ${n}`));
    });
    await upsertRecords(
      db,
      ENTITY,
      Array.from({ length: 2500 }, () => record()),
    );
    events.push('written');
    await counted;
    expect(events).toEqual(['other work', 'written', 'count 2500']);
  });
});
