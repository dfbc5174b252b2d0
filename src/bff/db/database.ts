/**
 * The BFF's database: SQLite through Kysely (a file by default, `:memory:` in tests),
 * migrated to the latest schema on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import * as mirror from './migrations/001-mirror';
import * as staffAndAudit from './migrations/002-staff-and-audit';
import * as pushJobs from './migrations/003-push-jobs';
import * as mirrorSweep from './migrations/004-mirror-sweep';
import type { Database } from './schema';

export type Db = Kysely<Database>;

const migrations: Record<string, Migration> = {
  '001-mirror': mirror,
  '002-staff-and-audit': staffAndAudit,
  '003-push-jobs': pushJobs,
  '004-mirror-sweep': mirrorSweep,
};

export async function openDatabase(url: string): Promise<Db> {
  const file = sqliteFile(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Mirror scans write thousands of rows a transaction across random-id index pages: a page cache
  // of up to 256 MB keeps them from spilling mid-transaction and from being read back (at 1M
  // records it halves a scan's write time), and checkpointing every 20,000 pages (not 1,000)
  // copies a page rewritten by several commits to the database file once. The WAL file is cut
  // back to 64 MB after a checkpoint. (bench/mirror.ts prints bytes written per record.)
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma('journal_size_limit = 67108864');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${String(error)}`);
  return db;
}

function sqliteFile(url: string): string {
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  throw new Error(
    `DATABASE_URL must be sqlite:<file> (got "${url.split(':')[0]}:…"); PostgreSQL is not supported yet.`,
  );
}
