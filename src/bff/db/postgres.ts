/**
 * PostgreSQL under Kysely (docs/decisions/009-postgresql.md): a pg pool of ONE connection, so
 * statements and transactions run one at a time as on SQLite's single connection. The mirror's
 * count deltas, mark changes and the audit chain read and then write in a transaction, which is
 * only safe while no other transaction of the server runs beside it; several connections (and
 * several servers) need row locks first, which is the next step of issue 10.
 */
import { Kysely, PostgresDialect } from 'kysely';
import { Client, Pool, types as pgTypes } from 'pg';
import type { Database } from './schema';

/** Another server on the same database is refused while this one holds it (any key would do). */
const SERVER_LOCK_KEY = 0x5d5e_5e7e;

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
  { singleServer = false } = {},
): Promise<Kysely<Database>> {
  const config = { connectionString: url, types, connectionTimeoutMillis: 10_000 };
  const pool = new Pool({ ...config, max: 1 });
  // An idle connection the server drops (a restart, a failover) is an 'error' event, which would end
  // the process unheard; the pool discards that connection and the next query opens another.
  pool.on('error', () => {});
  // Fail at open with a clear message rather than at the first request.
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (singleServer) {
    const lock = await holdPostgresLock(new Client(config), where).catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    const end = pool.end.bind(pool);
    pool.end = (async () => {
      await end();
      await lock.end();
    }) as typeof pool.end;
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A session advisory lock on a connection of its own, held for the server's life: PostgreSQL
 * drops it when the connection ends, however the process ends, so a crashed server blocks nothing.
 */
async function holdPostgresLock(client: Client, where: string): Promise<Client> {
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
    SERVER_LOCK_KEY,
  ]);
  if (rows[0]?.locked) return client;
  await client.end();
  throw new Error(
    `Another Sync Desk server is already using the database ${where}. Stop it before starting this one ` +
      '(one server a database is supported until instances share their state in PostgreSQL).',
  );
}
