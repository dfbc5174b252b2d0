/**
 * Two servers on one PostgreSQL write the same entity's mirror at once (a refresh on one, a push's
 * answer on the other): each write reads rows and moves the counts by what changed, so without
 * a lock both would move them for one change. SQLite has one writer, so PostgreSQL alone.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { openTwice, TEST_ENGINE, testDatabaseUrl } from '../test/database';
import { upsertRecords } from './store';
import { syncRecord } from './test-records';

const ENTITY = 'entity-1';

const twoServers = async (): Promise<[Db, Db]> => openTwice(await testDatabaseUrl());

const byStatus = async (db: Db, query: 'counted' | 'stored') => {
  const { rows } =
    query === 'counted'
      ? await sql<{ s: string; n: number }>`select sync_status as s, sum(n) as n from mirror_count
          where entity_id = ${ENTITY} group by sync_status having sum(n) <> 0 order by s`.execute(db)
      : await sql<{ s: string; n: number }>`select sync_status as s, count(*) as n from mirror_record
          where entity_id = ${ENTITY} group by sync_status order by s`.execute(db);
  return rows;
};

describe.runIf(TEST_ENGINE === 'postgres')("two servers writing one entity's mirror at once", () => {
  it('keep its counts equal to its rows', async () => {
    const [a, b] = await twoServers();
    const records = Array.from({ length: 40 }, (_, i) => syncRecord({ sync_status: 'error' }, i));
    for (let round = 1; round <= 10; round++) {
      const seen = (sync_status: 'pending' | 'done') =>
        records.map((r) => ({
          ...r,
          sync_status,
          updated_at: new Date(Date.UTC(2026, 1, round)).toISOString(),
        }));
      // Both see the records new in the first round, and each round both move them from one status.
      await Promise.all([upsertRecords(a, ENTITY, seen('pending')), upsertRecords(b, ENTITY, seen('done'))]);
    }
    expect(await byStatus(a, 'counted')).toEqual(await byStatus(a, 'stored'));
  });
});
