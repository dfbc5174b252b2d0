import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { openSqlite } from '../sqlite-driver';
import * as m001 from './001-mirror';
import * as m002 from './002-staff-and-audit';
import * as m003 from './003-push-jobs';
import * as m004 from './004-mirror-sweep';
import * as m005 from './005-audit-settles';
import * as m007 from './007-search-and-documents';

const dir = mkdtempSync(join(tmpdir(), 'sync-desk-008-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps an existing database’s counts, every record unmarked', async () => {
  const file = join(dir, 'old.db');
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
  const migrations = {
    '001-mirror': m001,
    '002-staff-and-audit': m002,
    '003-push-jobs': m003,
    '004-mirror-sweep': m004,
    '005-audit-settles': m005,
    '007-search-and-documents': m007,
  };
  await new Migrator({ db: old, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  await sql`insert into mirror_count values ('e1', 'error', 'codat', 'xero', 'bill', 'g1', 7)`.execute(old);
  await old.destroy();

  const db = await openDatabase(`sqlite:${file}`);
  expect(await db.selectFrom('mirror_count').selectAll().execute()).toEqual([
    {
      entity_id: 'e1',
      sync_status: 'error',
      provider: 'codat',
      platform: 'xero',
      object_type: 'bill',
      error_group: 'g1',
      handled: '',
      n: 7,
    },
  ]);
  await db.destroy();
});
