/**
 * The database a test opens: in-memory SQLite, or a fresh PostgreSQL database when
 * SYNC_DESK_TEST_ENGINE=postgres, as the `node-postgres` Vitest project sets it to run the
 * database-touching suites a second time (vite.config.ts), so every query is tested on both.
 */
import { openDatabase, type Db } from '../db/database';
import { createTestDatabase } from '../db/test-postgres';

export const TEST_ENGINE = process.env.SYNC_DESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export const testDatabaseUrl = async (): Promise<string> =>
  TEST_ENGINE === 'postgres' ? createTestDatabase({ migrated: true }) : 'sqlite::memory:';

export const openTestDatabase = async (): Promise<Db> => openDatabase(await testDatabaseUrl());
