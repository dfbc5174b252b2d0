import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordsExportQuerySchema } from '../../contract/api';
import type { SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { recordPages } from './queries';
import { recordsCsv } from './records-csv';
import { upsertRecords } from './store';

const ENTITY = randomUUID();
const RECORDS = 5000;
let db: Db;

beforeEach(async () => {
  db = await openTestDatabase();
  const records: SyncRecord[] = Array.from({ length: RECORDS }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    return {
      id: randomUUID(),
      created_at: at,
      updated_at: at,
      last_pulled_at: at,
      object_type: 'receivable',
      sync_status: i % 2 ? 'done' : 'error',
      provider: 'codat',
      platform: 'xero',
      object_id: randomUUID(),
      errors: i % 2 ? {} : { message: 'Stale object' },
    };
  });
  await upsertRecords(db, ENTITY, records);
});
afterEach(() => db.destroy());

/** The database, counting the queries run through it. */
function counting(): { db: Db; queries: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => (n++, args.node),
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), queries: () => n };
}

describe('recordPages', () => {
  it('reads a large export a page at a time, the same few queries for each page, only as it is consumed', async () => {
    const { db: counted, queries } = counting();
    const query = recordsExportQuerySchema.parse({ sync_status: 'error' });
    const perPage: number[] = [];
    const sizes: number[] = [];
    const ids = new Set<string>();
    let before = queries();
    for await (const page of recordPages(counted, ENTITY, query, 500)) {
      // Nothing is read ahead: the count at the first page, then one page read (marks included) and its documents.
      perPage.push(queries() - before);
      sizes.push(page.length);
      for (const r of page) ids.add(r.id);
      before = queries();
    }
    expect(sizes).toEqual(Array(5).fill(500));
    expect(ids.size).toBe(RECORDS / 2);
    expect(perPage).toEqual([3, 2, 2, 2, 2]);
  });

  it("exports a search's every match once, page after page, in the list's order", async () => {
    const query = recordsExportQuerySchema.parse({ q: 'stale obj', sort: 'updated_at' });
    const sizes: number[] = [];
    const times: string[] = [];
    const ids = new Set<string>();
    for await (const page of recordPages(db, ENTITY, query, 500)) {
      sizes.push(page.length);
      for (const r of page) {
        ids.add(r.id);
        times.push(r.updated_at);
      }
    }
    expect(sizes).toEqual(Array(5).fill(500));
    expect(ids.size).toBe(RECORDS / 2);
    expect(times).toEqual(times.toSorted());
  });

  it('streams every matching record as a CSV line, newest first by default', async () => {
    const lines: string[] = [];
    for await (const chunk of recordsCsv(db, ENTITY, recordsExportQuerySchema.parse({}), 1000)) {
      lines.push(...chunk.split('\r\n').filter(Boolean));
    }
    expect(lines).toHaveLength(RECORDS + 1);
    const updated = lines.slice(1).map((line) => line.split(',')[13]!);
    expect(updated).toEqual(updated.toSorted().toReversed());
  });
});
