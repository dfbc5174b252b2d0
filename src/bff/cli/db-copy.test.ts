import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { recordsQuerySchema } from '../../contract/api';
import { appendAudit, verifyChain } from '../audit';
import { addUser } from '../auth';
import { COPY_TABLES, copySqliteToPostgres, KNOWN_TABLES, postgresTables } from '../db/copy';
import { migrations, openDatabase, type Db } from '../db/database';
import type { Database } from '../db/schema';
import { openSqlite } from '../db/sqlite-driver';
import { createTestDatabase } from '../db/test-postgres';
import { queryRecords } from '../mirror';
import { TEST_ENGINE } from '../test/database';
import { failedIds, startBff, useSimulatedMonite } from '../test/harness';
import { dbCommand } from './db';

useSimulatedMonite();
const dir = mkdtempSync(join(tmpdir(), 'sync-desk-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the records page asks the mirror: lists, filters, searches (error words, document numbers), the Handled view. */
async function answers(db: Db, entityId: string, documentNumber: string) {
  const queries = [
    {},
    { sync_status: 'error' },
    { sync_status: 'error', sort: 'number' },
    { q: 'tax rate' },
    { q: documentNumber },
    { handled: 'only' },
  ];
  return Promise.all(
    queries.map((q) => queryRecords(db, entityId, recordsQuerySchema.parse({ limit: 50, ...q }))),
  );
}

// PostgreSQL is the target: this runs once, in the node-postgres project.
describe.runIf(TEST_ENGINE === 'postgres')('npm run db -- copy', () => {
  it('copies a server-filled SQLite database so PostgreSQL answers the same, audit chain intact', async () => {
    const file = join(dir, 'filled.db');
    const from = `sqlite:${file}`;
    const bff = await startBff({}, { databaseUrl: from });
    const [pushed, marked, ...bulk] = await failedIds(bff, 4);
    await bff.deps.documents.fill(bff.entityId);
    const headers = await bff.signIn('operator');
    const post = (url: string, payload?: object) =>
      bff.app.inject({ method: 'POST', url: `/api/entities/${bff.entityId}/${url}`, headers, payload });
    expect((await post(`records/${pushed}/push`)).statusCode).toBe(200);
    const mark = { kind: 'resolved', reason: 'Entered by hand in Xero.' };
    expect((await post(`records/${marked}/mark`, mark)).statusCode).toBe(200);
    expect((await post('push-jobs', { ids: bulk })).statusCode).toBe(201);
    await bff.deps.jobs.idle();
    const to = await createTestDatabase();
    await expect(copySqliteToPostgres(from, to)).rejects.toThrow(/running Sync Desk server is using/);
    await bff.close();

    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += String(chunk)));
    await dbCommand(['copy', '--from', from, '--to', to], { input: process.stdin, output });
    expect(printed).toMatch(/^Copied sqlite:.* to PostgreSQL at 127\.0\.0\.1:\d+\/\w+ in \d+\.\d s:\n/);
    expect(printed).toMatch(/mirror_record\s+300\n/);
    expect(printed).not.toContain('sync-desk-tests'); // the test server's password

    const sqlite = await openDatabase(from);
    const pg = await openDatabase(to);
    try {
      const copied = await rowsPerTable(pg);
      expect(copied).toEqual(await rowsPerTable(sqlite));
      expect(copied).toMatchObject({ mirror_record: 300, staff_user: 3, push_job: 1, push_job_item: 2 });
      expect(Math.min(copied.staff_session, copied.mirror_document, copied.audit_entry)).toBeGreaterThan(0);
      const number = (
        await sqlite
          .selectFrom('mirror_record')
          .select('sort_number')
          .where('id', '=', pushed!)
          .executeTakeFirstOrThrow()
      ).sort_number!;
      expect(await answers(pg, bff.entityId, number)).toEqual(await answers(sqlite, bff.entityId, number));
      expect((await answers(pg, bff.entityId, number))[4]!.data.map((r) => r.id)).toContain(pushed);

      const chain = await verifyChain(sqlite);
      expect(chain).toMatchObject({ ok: true });
      expect(await verifyChain(pg)).toEqual(chain);
      // Sequences continue past the copied rows, and the chain goes on from the copied hashes.
      await appendAudit(pg, { actor: 'admin@example.com', action: 'sign_in', data: {} });
      expect(await verifyChain(pg)).toMatchObject({ ok: true });

      await expect(copySqliteToPostgres(from, to)).rejects.toThrow(
        /is not empty \(staff_user, staff_session, entity_grant, audit_entry/,
      );
    } finally {
      await Promise.all([sqlite.destroy(), pg.destroy()]);
    }
  });

  it('refuses a source that is not at the latest migration, or missing', async () => {
    const file = join(dir, 'older.db');
    const older = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
    await new Migrator({ db: older, provider: { getMigrations: async () => migrations } }).migrateTo(
      '008-handled-marks',
    );
    await older.destroy();
    const to = await createTestDatabase();
    await expect(copySqliteToPostgres(`sqlite:${file}`, to)).rejects.toThrow(
      /at migration 008-handled-marks, not this version's .*: start the server on it once/,
    );
    await expect(copySqliteToPostgres(`sqlite:${join(dir, 'missing.db')}`, to)).rejects.toThrow(
      /no SQLite database/,
    );
  });

  it('leaves the target empty when a row fails on PostgreSQL midway', async () => {
    const from = `sqlite:${join(dir, 'orphan.db')}`;
    const source = await openDatabase(from);
    await addUser(source, 'ada@example.com', 'admin', 'a long enough password');
    // A session whose account is gone: SQLite lets it in with foreign keys off, PostgreSQL refuses it.
    await sql`pragma foreign_keys = off`.execute(source);
    await source
      .insertInto('staff_session')
      .values({ id_hash: 'x', user_id: 'gone', created_at: '2026-01-01', last_seen_at: '2026-01-01' })
      .execute();
    await source.destroy();
    const to = await createTestDatabase();
    await expect(copySqliteToPostgres(from, to)).rejects.toThrow(/foreign key/);
    const target = await openDatabase(to);
    try {
      expect(Object.values(await rowsPerTable(target))).toEqual(COPY_TABLES.map(() => 0));
    } finally {
      await target.destroy();
    }
  });

  it('knows every table of the migrated schema', async () => {
    const db = await openDatabase(await createTestDatabase());
    try {
      expect(await postgresTables(db)).toEqual(KNOWN_TABLES.toSorted());
    } finally {
      await db.destroy();
    }
  });
});

async function rowsPerTable(db: Db) {
  const counts: Partial<Record<(typeof COPY_TABLES)[number], number>> = {};
  for (const table of COPY_TABLES)
    counts[table] = (
      await db
        .selectFrom(table)
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return counts as Record<(typeof COPY_TABLES)[number], number>;
}
