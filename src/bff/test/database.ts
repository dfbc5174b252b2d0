/**
 * The database a test opens: in-memory SQLite, or a fresh PostgreSQL database when
 * SYNC_DESK_TEST_ENGINE=postgres, as the `node-postgres` Vitest project sets it to run the
 * database-touching suites a second time (vite.config.ts), so every query is tested on both.
 */
import { onTestFinished } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { createTestDatabase } from '../db/test-postgres';

export const TEST_ENGINE = process.env.SYNC_DESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export const testDatabaseUrl = async (): Promise<string> =>
  TEST_ENGINE === 'postgres' ? createTestDatabase({ migrated: true }) : 'sqlite::memory:';

export const openTestDatabase = async (): Promise<Db> => openDatabase(await testDatabaseUrl());

/** Two connections to one database, as two server processes open it; closed when the test ends. */
export async function openTwice(url: string): Promise<[Db, Db]> {
  const a = await openDatabase(url);
  const b = await openDatabase(url);
  onTestFinished(async () => {
    await a.destroy();
    await b.destroy();
  });
  return [a, b];
}
