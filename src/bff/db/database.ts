/**
 * The BFF's database through Kysely, migrated to the latest schema on open: SQLite
 * (sqlite-driver.ts; a file by default, `:memory:` in tests) or, for a `postgres://` URL,
 * PostgreSQL (postgres.ts). One server process per SQLite file (`holdServerLock`); several servers
 * share a PostgreSQL database (`holdPostgresLock`).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import * as mirror from './migrations/001-mirror';
import * as staffAndAudit from './migrations/002-staff-and-audit';
import * as pushJobs from './migrations/003-push-jobs';
import * as mirrorSweep from './migrations/004-mirror-sweep';
import * as auditSettles from './migrations/005-audit-settles';
import { checkpointInWorker } from './checkpointer';
import * as searchAndDocuments from './migrations/007-search-and-documents';
import * as handledMarks from './migrations/008-handled-marks';
import * as errorGroupPages from './migrations/009-error-group-pages';
import * as sortKeys from './migrations/010-sort-keys';
import * as sharedCoordination from './migrations/011-shared-coordination';
import * as rateBudget from './migrations/012-rate-budget';
import * as entityGrants from './migrations/013-entity-grants';
import * as oidcIdentities from './migrations/014-oidc-identities';
import * as idPrefixIndex from './migrations/015-id-prefix-index';
import * as addressLimits from './migrations/016-address-limits';
import type { Database } from './schema';
import { openPostgres, type Hold } from './postgres';
import { isBusyError, openSqlite, type SqliteConnection } from './sqlite-driver';
import { parseDatabaseUrl } from './url';

export type Db = Kysely<Database>;

/** Every migration, in order: the schema version a database is at is the last one applied. */
export const migrations: Record<string, Migration> = {
  '001-mirror': mirror,
  '002-staff-and-audit': staffAndAudit,
  '003-push-jobs': pushJobs,
  '004-mirror-sweep': mirrorSweep,
  '005-audit-settles': auditSettles,
  '007-search-and-documents': searchAndDocuments,
  '008-handled-marks': handledMarks,
  '009-error-group-pages': errorGroupPages,
  '010-sort-keys': sortKeys,
  '011-shared-coordination': sharedCoordination,
  '012-rate-budget': rateBudget,
  '013-entity-grants': entityGrants,
  '014-oidc-identities': oidcIdentities,
  '015-id-prefix-index': idPrefixIndex,
  '016-address-limits': addressLimits,
};

export type OpenOptions = {
  /**
   * How a server holds the database; the command-line tools leave it unset and share the
   * database with the servers. An SQLite file is always held alone: a second server is refused
   * (its single writer would answer "database is locked"). On PostgreSQL, `shared` lets several
   * servers in (decision 011) and `alone` refuses them (the copy into an empty database).
   */
  hold?: Hold;
  /**
   * Runs once migrated if no other server holds the database, before another can start: what
   * another server left then is a stopped one's.
   */
  ifAlone?: (db: Db) => Promise<void>;
};

export async function openDatabase(url: string, { hold, ifAlone }: OpenOptions = {}): Promise<Db> {
  const location = parseDatabaseUrl(url);
  const setUp = async (db: Db, alone: boolean) => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw new Error(`Database migration failed: ${String(error)}`);
    if (alone) await ifAlone?.(db);
  };
  if (location.engine === 'postgres') return openPostgres(location, { hold, setUp });
  const db = openSqliteDatabase(location.file, hold !== undefined);
  try {
    await setUp(db, hold !== undefined);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function openSqliteDatabase(file: string, server: boolean): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = openSqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Mirror scans write thousands of rows a transaction across random-id index pages: a page cache
  // of up to 256 MB keeps them from spilling mid-transaction and from being read back (at 1M
  // records it halves a scan's write time), and checkpointing every 20,000 pages (not 1,000)
  // copies a page rewritten by several commits to the database file once; the server
  // checkpoints from a worker instead (checkpointer.ts). The WAL file is cut back to 64 MB after
  // a checkpoint. (bench/mirror.ts prints bytes written per record.)
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma('journal_size_limit = 67108864');
  // After the pragmas above, which would otherwise apply to the lock's database too.
  if (server && file !== ':memory:') {
    holdServerLock(sqlite, file);
    const stopCheckpoints = checkpointInWorker(sqlite, file);
    const close = sqlite.close.bind(sqlite);
    sqlite.close = () => {
      stopCheckpoints();
      close();
    };
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * Takes the server lock on `<file>.lock`, or throws if another server process holds it.
 *
 * The lock is an SQLite database attached to this connection in exclusive locking mode: after
 * one write, SQLite keeps the file's OS lock until the connection closes, and the operating
 * system drops it when the process ends, however it ends. So a crashed server leaves nothing that
 * blocks a restart (no pid file to go stale or to match a reused pid), and `db.destroy()` releases
 * it. The main file keeps normal locking, so `npm run users` / `npm run audit` still work beside
 * a running server.
 */
export function holdServerLock(sqlite: SqliteConnection, file: string): void {
  const lockFile = `${file}.lock`;
  // Fail at once rather than wait for the holder, which will not let go.
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.prepare('ATTACH DATABASE ? AS server_lock').run([lockFile]);
    sqlite.pragma('server_lock.locking_mode = EXCLUSIVE');
    sqlite.exec('CREATE TABLE IF NOT EXISTS server_lock.holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
    sqlite.exec('DELETE FROM server_lock.holder');
    sqlite
      .prepare('INSERT INTO server_lock.holder VALUES (?, ?)')
      .run([process.pid, new Date().toISOString()]);
  } catch (error) {
    sqlite.close();
    if (!isBusyError(error)) throw error;
    throw new Error(
      `Another Sync Desk server is already using the database ${file}. Stop it before starting this one ` +
        '(two servers on one database could push records twice), or set DATABASE_URL to another file.',
      { cause: error },
    );
  }
  // Back to the drivers' default: wait up to 5 s for a command-line tool's write to finish.
  sqlite.pragma('busy_timeout = 5000');
}
