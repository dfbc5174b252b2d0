/**
 * The SQLite driver under Kysely, chosen by Node version:
 * - Node 22.16+ (24 LTS included): Node's built-in `node:sqlite`. better-sqlite3 12 aborts the
 *   process on Node 24 (its Statement destructor trips `RemoveEnvironmentCleanupHook`'s
 *   `env != nullptr` check when the GC finalises a statement), and better-sqlite3 13, which fixes
 *   that, segfaults on Node 20.
 * - Node 20: better-sqlite3 12, loaded only there.
 * Both get the same pragmas and answer Kysely through the same `SqliteDatabase` shape.
 */
import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export type SqliteConnection = SqliteDatabase & {
  /** Runs a pragma and returns its rows (or, with `simple`, the first column of the first row). */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(sql: string): void;
  readonly driver: 'node:sqlite' | 'better-sqlite3';
  /** What a worker thread requires to open the same driver. */
  readonly modulePath: string;
};

/** The part of `node:sqlite` used here (@types/node 20 does not describe it). */
type NodeSqlite = {
  DatabaseSync: new (path: string) => {
    prepare(sql: string): {
      all(...params: unknown[]): unknown[];
      get(...params: unknown[]): unknown;
      run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
      iterate(...params: unknown[]): IterableIterator<unknown>;
      columns(): unknown[];
    };
    exec(sql: string): void;
    close(): void;
  };
};

const require = createRequire(import.meta.url);
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
/** `StatementSync#columns()` (which tells readers from writers) arrived in 22.16. */
const HAS_NODE_SQLITE = major > 22 || (major === 22 && minor >= 16);

export function openSqlite(file: string): SqliteConnection {
  return keepStatements(HAS_NODE_SQLITE ? openNodeSqlite(file) : openBetterSqlite(file));
}

/** Prepared statements kept, most recently used first: the app runs a few dozen distinct queries. */
const KEPT_STATEMENTS = 500;

/**
 * Kysely prepares every query it runs. Preparing again each time made SQLite plan the list's
 * queries on every request, and left a native statement per query for the garbage collector to
 * finalise. Each SQL text keeps its statement instead. Safe because Kysely runs one query at a
 * time on the connection and the app never streams (`iterate` holds a statement until it ends).
 */
function keepStatements(connection: SqliteConnection): SqliteConnection {
  const kept = new Map<string, SqliteStatement>();
  return {
    ...connection,
    prepare(sql) {
      const statement = kept.get(sql) ?? connection.prepare(sql);
      kept.delete(sql);
      kept.set(sql, statement);
      if (kept.size > KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

function openNodeSqlite(file: string): SqliteConnection {
  const { DatabaseSync } = require('node:sqlite') as NodeSqlite;
  const db = new DatabaseSync(file);
  // better-sqlite3's default; node:sqlite's is to fail at once when another connection writes.
  db.exec('PRAGMA busy_timeout = 5000');
  return {
    driver: 'node:sqlite',
    modulePath: 'node:sqlite',
    prepare(sql): SqliteStatement {
      const statement = db.prepare(sql);
      return {
        reader: statement.columns().length > 0,
        all: (params) => statement.all(...params),
        run: (params) => statement.run(...params),
        iterate: (params) => statement.iterate(...params),
      };
    },
    pragma(source, { simple = false } = {}) {
      const rows = db.prepare(`PRAGMA ${source}`).all() as Record<string, unknown>[];
      return simple ? Object.values(rows[0] ?? {})[0] : rows;
    },
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
}

function openBetterSqlite(file: string): SqliteConnection {
  const BetterSqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new BetterSqlite(file);
  return {
    driver: 'better-sqlite3',
    modulePath: require.resolve('better-sqlite3'),
    prepare: (sql) => db.prepare(sql),
    pragma: (source, options) => db.pragma(source, options),
    exec: (sql) => void db.exec(sql),
    close: () => db.close(),
  };
}

/** SQLITE_BUSY (another connection holds the lock), as either driver reports it. */
export function isBusyError(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  // better-sqlite3 names the code; node:sqlite gives the number (extended codes keep 5 in the low byte).
  return code === 'SQLITE_BUSY' || (typeof errcode === 'number' && (errcode & 0xff) === 5);
}
