import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { openOldSqlite } from '../../test/old-database';

const dir = mkdtempSync(join(tmpdir(), 'sync-desk-010-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('gives the records whose documents were already read their sort keys', async () => {
  const file = join(dir, 'old.db');
  const old = await openOldSqlite(file, '010');
  const invoice = {
    kind: 'invoice',
    number: 'INV-7',
    counterpart_name: 'Müller GmbH',
    total: { minor: 125000, currency: 'EUR' },
    issue_date: null,
    due_date: '2026-03-01',
    status: 'issued',
  };
  for (const id of ['r1', 'r2', 'r3'])
    await sql`insert into mirror_record (entity_id, id, object_type, sync_status, provider, platform, updated_at, data)
      values ('e1', ${id}, 'receivable', 'error', 'codat', 'xero', '2026-01-01T00:00:00.000Z', '{}')`.execute(
      old,
    );
  await sql`insert into mirror_document (entity_id, record_id, object_id, version, summary, search_text) values
    ('e1', 'r1', 'o1', '', ${JSON.stringify(invoice)}, ''),
    ('e1', 'r2', 'o2', '', '{"kind":"an older shape"}', '')`.execute(old);
  await old.destroy();

  const db = await openDatabase(`sqlite:${file}`);
  const rows = await db
    .selectFrom('mirror_record')
    .select(['id', 'sort_number', 'sort_counterpart', 'sort_amount', 'sort_due_date'])
    .orderBy('id')
    .execute();
  const none = { sort_number: null, sort_counterpart: null, sort_amount: null, sort_due_date: null };
  expect(rows).toEqual([
    {
      id: 'r1',
      sort_number: 'inv-7',
      sort_counterpart: 'müller gmbh',
      sort_amount: 1250,
      sort_due_date: '2026-03-01',
    },
    { id: 'r2', ...none },
    { id: 'r3', ...none },
  ]);
  await db.destroy();
});
