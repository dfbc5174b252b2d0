/**
 * Bytes the database has caused to be written to storage (Linux /proc/<pid>/io `write_bytes`), for
 * the mirror benchmark's "written per record" figures on either engine. Each reading first flushes
 * what still waits in the log to the table files, so a figure includes that write too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { Client } from 'pg';
import type { Db } from '../src/bff/db/database';
import { isPostgres } from '../src/bff/db/engine';

export type DiskWrites = {
  /** What a figure counts, for the printed line. */
  includes: string;
  /** Bytes written so far, and of those the PostgreSQL write-ahead log's (its LSN). */
  read(): Promise<{ bytes: number; wal?: number }>;
  close(): Promise<void>;
};

const writeBytes = (pid: number | 'self') =>
  Number(/^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);

/** The parent of a process, from /proc/<pid>/stat (its name may hold spaces and parentheses). */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the name: state, then the parent's pid.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * The PostgreSQL server's writes: its postmaster and every process it runs (backends, WAL writer,
 * checkpointer, background writer). The postmaster's counter also holds the processes it has
 * reaped, so backends that come and go between two readings are not lost.
 */
function serverWrites(postmaster: number): number {
  let bytes = writeBytes(postmaster);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      if (parentOf(pid) === postmaster) bytes += writeBytes(pid);
    } catch {
      // The process ended between the listing and the read: its bytes are now the postmaster's.
    }
  }
  return bytes;
}

export async function diskWrites(db: Db, databaseUrl: string | undefined): Promise<DiskWrites> {
  if (!isPostgres(db) || !databaseUrl)
    return {
      includes: 'this process, WAL checkpoint included',
      async read() {
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
        return { bytes: writeBytes('self') };
      },
      async close() {},
    };
  // A connection of the bench's own: a checkpoint may take seconds, and the server's pool holds
  // one connection, which its statements would wait for (and give up on after 10 s).
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  const postmaster = parentOf(
    (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid,
  );
  return {
    includes: "the server's processes: WAL, table and index pages, checkpoint included",
    async read() {
      await client.query('checkpoint');
      const { rows } = await client.query<{ n: string }>(
        "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint as n",
      );
      return { bytes: serverWrites(postmaster), wal: Number(rows[0]!.n) };
    },
    close: () => client.end(),
  };
}
