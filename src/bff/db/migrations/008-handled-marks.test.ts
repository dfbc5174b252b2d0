import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { openOldSqlite } from '../../test/old-database';

const dir = mkdtempSync(join(tmpdir(), 'sync-desk-008-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps an existing database’s counts, every record unmarked', async () => {
  const file = join(dir, 'old.db');
  const old = await openOldSqlite(file, '008');
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
