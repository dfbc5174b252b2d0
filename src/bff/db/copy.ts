/**
 * Copies a Sync Desk SQLite database into an empty PostgreSQL database (`npm run db -- copy`):
 * every table in foreign-key order, ids and the audit hash chain as they are, in batches so memory
 * stays flat at any size, all in one transaction on the target so a failure leaves it empty.
 * PostgreSQL's search indexes (pg_trgm) fill from the copied rows; SQLite's FTS tables are not copied.
 */
import { existsSync } from 'node:fs';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { holdServerLock, migrations, openDatabase, type Db } from './database';
import type { Database } from './schema';
import { isBusyError, openSqlite } from './sqlite-driver';
import { parseDatabaseUrl } from './url';

/**
 * Every table of the schema, parents before the tables whose foreign keys point at them.
 * A table added by a migration must be added here: the copy refuses a schema with a table it does
 * not know (and a test compares this list with a migrated database).
 */
export const COPY_TABLES = [
  'staff_user',
  'staff_session',
  'entity_grant',
  'audit_entry',
  'push_job',
  'push_job_item',
  'mirror_cursor',
  'mirror_record',
  'mirror_document',
  'mirror_count',
  'sign_in_failure',
] as const satisfies readonly (keyof Database)[];

/**
 * What running servers keep among themselves (leases on work in progress, the shared Monite
 * budget, the current minute's sign-in attempts per address): a stopped source has none worth
 * keeping, and the target's migrations set them up.
 */
const RUNTIME_TABLES = ['lease', 'rate_budget', 'address_window'];

/** Every table of the schema: a target with any other is of a newer version than this copy. */
export const KNOWN_TABLES: readonly string[] = [...COPY_TABLES, ...RUNTIME_TABLES];

/** Rows an INSERT carries: 1,000 × 21 columns stays far below PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 1000;

export type CopyResult = { rows: Record<(typeof COPY_TABLES)[number], number>; ms: number };

/** The tables of a PostgreSQL database's schema besides Kysely's migration bookkeeping. */
export async function postgresTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely\\_%' order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

export async function copySqliteToPostgres(fromUrl: string, toUrl: string): Promise<CopyResult> {
  const from = parseDatabaseUrl(fromUrl);
  const to = parseDatabaseUrl(toUrl);
  if (from.engine !== 'sqlite') throw new Error('--from must be an SQLite database: sqlite:<file>.');
  if (to.engine !== 'postgres') throw new Error('--to must be a PostgreSQL database: postgres://…');
  const started = performance.now();
  const source = await openSource(from.file);
  try {
    // Migrates the target to this version, and no server starts on it during the copy.
    const target = await openDatabase(toUrl, { hold: 'alone' });
    try {
      const unknown = (await postgresTables(target)).filter((t) => !KNOWN_TABLES.includes(t));
      if (unknown.length > 0)
        throw new Error(
          `The PostgreSQL database ${to.where} has tables the copy does not know (${unknown.join(', ')}): ` +
            'copy into a new, empty database (a table of a newer schema belongs in COPY_TABLES, src/bff/db/copy.ts).',
        );
      const rows = await source.transaction().execute((reading) =>
        target.transaction().execute(async (writing) => {
          await refuseUnlessEmpty(writing, to.where);
          const copied = {} as CopyResult['rows'];
          for (const table of COPY_TABLES) copied[table] = await copyTable(reading, writing, table);
          await advanceSequences(writing);
          return copied;
        }),
      );
      return { rows, ms: performance.now() - started };
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

/**
 * Opens the SQLite file as it is (no migrations), holding the server lock so that no server
 * writes to it mid-copy, and checks it is at this version's latest migration.
 */
async function openSource(file: string): Promise<Db> {
  if (file === ':memory:' || !existsSync(file)) throw new Error(`There is no SQLite database at ${file}.`);
  const sqlite = openSqlite(file);
  try {
    holdServerLock(sqlite, file);
  } catch (error) {
    if (!(error instanceof Error && isBusyError(error.cause))) throw error;
    throw new Error(
      `A running Sync Desk server is using ${file}: stop it, then copy (its writes would be lost).`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await refuseUnlessLatest(db, file);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

async function refuseUnlessLatest(db: Db, file: string): Promise<void> {
  const expected = Object.keys(migrations);
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`
    .execute(db)
    .then(({ rows }) => rows.map((r) => r.name))
    .catch(() => {
      throw new Error(`${file} is not a Sync Desk database (it has no migrations).`);
    });
  const newer = applied.filter((name) => !expected.includes(name));
  if (newer.length > 0)
    throw new Error(
      `${file} was migrated by a newer Sync Desk (${newer.join(', ')}): copy it with that version.`,
    );
  if (applied.length < expected.length)
    throw new Error(
      `${file} is at migration ${applied.at(-1) ?? 'none'}, not this version's ${expected.at(-1)}: ` +
        `start the server on it once (DATABASE_URL=sqlite:${file} npm start migrates it), stop it, then copy.`,
    );
}

async function refuseUnlessEmpty(db: Db, where: string): Promise<void> {
  const filled: string[] = [];
  for (const table of COPY_TABLES) {
    const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
    if (rows.length > 0) filled.push(table);
  }
  if (filled.length > 0)
    throw new Error(
      `The PostgreSQL database ${where} is not empty (${filled.join(', ')} have rows): copy into a new, empty database.`,
    );
}

/** Pages through `table` by SQLite's rowid (every table has one) and inserts each page as it comes. */
async function copyTable(source: Db, target: Db, table: string): Promise<number> {
  let copied = 0;
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const { rows } = await sql<Record<string, unknown> & { copy_rowid: number }>`
      select rowid as copy_rowid, * from ${sql.table(table)}
      where rowid > ${after} order by rowid limit ${BATCH_ROWS}`.execute(source);
    if (rows.length === 0) return copied;
    const columns = Object.keys(rows[0]!).filter((c) => c !== 'copy_rowid');
    const values = rows.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values ${sql.join(values)}`.execute(target);
    copied += rows.length;
    after = rows.at(-1)!.copy_rowid;
  }
}

/** Every serial or identity column's sequence set past the copied ids, so new rows do not collide. */
async function advanceSequences(db: Db): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and (column_default like 'nextval(%' or is_identity = 'YES')`.execute(
    db,
  );
  for (const { table, column } of rows)
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
