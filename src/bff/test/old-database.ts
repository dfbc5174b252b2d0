/**
 * An SQLite file as an older release left it: migrated up to, not including, migration `before`,
 * for tests of what a migration keeps of existing data.
 */
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from '../db/database';
import { openSqlite } from '../db/sqlite-driver';

export async function openOldSqlite(file: string, before: string): Promise<Kysely<unknown>> {
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < before));
  await new Migrator({ db: old, provider: { getMigrations: async () => earlier } }).migrateToLatest();
  return old;
}
