/**
 * PostgreSQL under Kysely (docs/decisions/009-postgresql.md): a pg pool of ONE connection, so one
 * server's statements and transactions run one at a time as on SQLite's single connection.
 * Several servers share a database (decision 011): what reads and then writes takes a row or
 * advisory lock first (mirror/counts.ts, audit/log.ts).
 */
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import { Client, Pool, types as pgTypes } from 'pg';
import type { Database } from './schema';

/**
 * Servers hold it shared for their life; a server that gets it exclusively at start is alone on
 * the database, and `npm run db -- copy` holds it exclusively throughout (any key would do).
 */
const SERVER_LOCK_KEY = 0x5d5e_5e7e;

/**
 * How a process holds the database: `shared` as one of several servers, `alone` refusing any
 * other server (the copy into an empty database).
 */
export type Hold = 'shared' | 'alone';

/**
 * pg returns int8 (`count(*)`, `sum()`, bigint columns) and numeric as strings, to be exact beyond
 * 2^53; the BFF's counts and millisecond times stay far below it, and SQLite gives numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pgTypes.builtins.INT8 || oid === pgTypes.builtins.NUMERIC
      ? Number
      : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};

export async function openPostgres(
  { url, where }: { url: string; where: string },
  {
    hold,
    setUp = async () => {},
  }: {
    hold?: Hold;
    /**
     * Runs before the database is returned; `alone` says no other server holds it, and none can
     * start until this returns (migrations, then clearing what a stopped server left).
     */
    setUp?: (db: Kysely<Database>, alone: boolean) => Promise<void>;
  } = {},
): Promise<Kysely<Database>> {
  const config = { connectionString: url, types, connectionTimeoutMillis: 10_000 };
  // Fail at open, within `config`'s 10 s, with a clear message rather than at the first request.
  const probe = new Client(config);
  try {
    await probe.connect();
  } catch (error) {
    throw new Error(`Cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await probe.end().catch(() => {});
  }
  // pg-pool also counts a statement's wait for the one connection against connectionTimeoutMillis:
  // 10 s failed statements queued behind a bulk job's writes on a loaded machine (bench/mirror.ts
  // at 100,000 records), so a queued statement waits up to a minute.
  const pool = new Pool({ ...config, connectionTimeoutMillis: 60_000, max: 1 });
  // An idle connection the server drops (a restart, a failover) is an 'error' event, which would end
  // the process unheard; the pool discards that connection and the next query opens another.
  pool.on('error', () => {});
  const lock = hold
    ? await holdPostgresLock(new Client(config), where, hold).catch(async (error: unknown) => {
        await pool.end();
        throw error;
      })
    : undefined;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: endingAtOnce(pool, async () => lock?.client.end()) }),
  });
  try {
    await setUp(db, lock?.alone ?? false);
    if (hold === 'shared' && lock?.alone) await lock.share();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * The pool as Kysely uses it, where ending it fails at once the statements still waiting for its
 * connection (pg-pool leaves them waiting out their minute), then runs `after`.
 */
function endingAtOnce(pool: Pool, after: () => Promise<unknown>): PostgresPool {
  let end!: () => void;
  const ended = new Promise<never>((_, reject) => {
    end = () => reject(new Error('The database connection pool has ended'));
  });
  ended.catch(() => {});
  return {
    connect: () => {
      const acquiring = pool.connect();
      return Promise.race([acquiring, ended]).catch((error: unknown) => {
        // Ended first: a connection that still comes goes straight back, or the pool never ends.
        acquiring.then(
          (client) => client.release(),
          () => {},
        );
        throw error;
      });
    },
    end: async () => {
      end();
      await pool.end();
      await after();
    },
  };
}

/**
 * A session advisory lock on a connection of its own, held for the server's life: PostgreSQL
 * drops it when the connection ends, however the process ends, so a crashed server blocks nothing.
 * A server first tries for it exclusively: got, it is alone, and keeps others out until `share`.
 */
async function holdPostgresLock(client: Client, where: string, hold: Hold) {
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
    SERVER_LOCK_KEY,
  ]);
  const alone = rows[0]!.locked;
  if (!alone && hold === 'alone') {
    await client.end();
    throw new Error(
      `Another Sync Desk server is already using the database ${where}. Stop every server on it ` +
        'first: this needs the database to itself.',
    );
  }
  // Another server holds it (shared while running, exclusively for a moment at its start): wait.
  if (!alone) await client.query('select pg_advisory_lock_shared($1)', [SERVER_LOCK_KEY]);
  return {
    client,
    alone,
    /** From alone to one of several: take the shared lock, then let go of the exclusive one. */
    share: async () => {
      await client.query('select pg_advisory_lock_shared($1)', [SERVER_LOCK_KEY]);
      await client.query('select pg_advisory_unlock($1)', [SERVER_LOCK_KEY]);
    },
  };
}
