import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordsQuerySchema } from '../../contract/api';
import type { Db } from '../db/database';
import { openTestDatabase, TEST_ENGINE } from '../test/database';
import { queryRecords, recordsByIdPrefix } from './queries';
import { upsertRecords } from './store';
import { syncRecord } from './test-records';

const ENTITY = randomUUID();
let db: Db;

const record = syncRecord;

const query = (q: Record<string, string> = {}) => recordsQuerySchema.parse(q);

beforeEach(async () => {
  db = await openTestDatabase();
  await upsertRecords(db, ENTITY, [
    record({ sync_status: 'error', errors: { message: 'Account must be valid.' } }, 1),
    record({ sync_status: 'error', provider: 'railz', platform: 'quickbooks' }, 2),
    record({ sync_status: 'error', object_type: 'bill' }, 3),
    record({ sync_status: 'pending' }, 4),
    record({}, 5),
    record({ provider: 'railz' }, 6),
  ]);
  // Another entity's records never leak into this one's answers.
  await upsertRecords(db, randomUUID(), [record({ sync_status: 'error' }, 7)]);
});
afterEach(() => db.destroy());

describe('queryRecords', () => {
  it('filters, counts the total and sorts newest first by default', async () => {
    const page = await queryRecords(db, ENTITY, query({ sync_status: 'error' }));
    expect(page.total).toBe(3);
    const times = page.data.map((r) => r.updated_at);
    expect(times).toEqual(times.toSorted().toReversed());
    expect(page.data.every((r) => r.sync_status === 'error')).toBe(true);
  });

  it("counts each facet under the other dimensions' filters", async () => {
    const { facets } = await queryRecords(db, ENTITY, query({ sync_status: 'error', provider: 'codat' }));
    // Status counts ignore the status filter but keep the provider filter.
    expect(facets.sync_status).toMatchObject({ error: 2, pending: 1, done: 1 });
    // Provider counts ignore the provider filter but keep the status filter.
    expect(facets.provider).toEqual({ codat: 2, railz: 1 });
    expect(facets.object_type).toMatchObject({ receivable: 1, bill: 1, vendor: 0 });
  });

  it('walks every matching record exactly once through keyset cursors, in both orders', async () => {
    for (const sort of ['-updated_at', 'updated_at']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryRecords(db, ENTITY, query({ sort, limit: '2', ...(cursor && { cursor }) }));
        seen.push(...page.data.map((r) => r.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
    }
  });

  it('moves counts when a record changes status', async () => {
    const failed = (await queryRecords(db, ENTITY, query({ sync_status: 'error', provider: 'railz' })))
      .data[0]!;
    await upsertRecords(db, ENTITY, [
      { ...failed, sync_status: 'done', updated_at: new Date().toISOString() },
    ]);
    const after = await queryRecords(db, ENTITY, query());
    expect(after.facets.sync_status).toMatchObject({ error: 2, pending: 1, done: 3 });
    expect(after.total).toBe(6);
  });

  it('finds a record by the start of its id', async () => {
    const target = (await queryRecords(db, ENTITY, query({ sync_status: 'pending' }))).data[0]!;
    for (const q of [target.id.slice(0, 2), target.id.slice(0, 8).toUpperCase(), target.id]) {
      const page = await queryRecords(db, ENTITY, query({ q }));
      expect(page.data.map((r) => r.id)).toContain(target.id);
      expect(page.facets.sync_status.pending).toBeGreaterThanOrEqual(1);
    }
    expect((await queryRecords(db, ENTITY, query({ q: target.id.slice(0, 8) }))).total).toBe(1);
    expect((await queryRecords(db, ENTITY, query({ q: '%' }))).total).toBe(0);
  });

  it("reads an id prefix's matches as a range of an index, not every record of the entity", async () => {
    // Enough records, with statistics, for the planner to choose as it would at scale.
    await upsertRecords(
      db,
      ENTITY,
      Array.from({ length: 3000 }, () => record()),
    );
    const byId = recordsByIdPrefix(TEST_ENGINE, ENTITY, '3f2');
    let plan: string;
    if (TEST_ENGINE === 'postgres') {
      await sql`analyze mirror_record`.execute(db);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${byId}`.execute(db);
      plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    } else {
      const { rows } = await sql<{ detail: string }>`explain query plan ${byId}`.execute(db);
      plan = rows.map((row) => row.detail).join('\n');
    }
    // Both bounds of the id in the index condition (`~>=~`: PostgreSQL's byte-wise comparison).
    expect(plan).toMatch(
      TEST_ENGINE === 'postgres'
        ? /Index Cond: .*entity_id = .*\bid ~>=~ '3f2'.*\bid ~<~ '3f3'/
        : /SEARCH m USING .*INDEX .*\(entity_id=\? AND id>\? AND id<\?\)/,
    );
  });

  it('finds failed records by words of their error, in any case and without accents', async () => {
    await upsertRecords(db, ENTITY, [
      record(
        {
          sync_status: 'error',
          errors: { message: 'The contact name Crème Brûlée Ltd is already assigned to another contact.' },
        },
        8,
      ),
    ]);
    const words = async (q: string) =>
      (await queryRecords(db, ENTITY, query({ q }))).data.map((r) => r.errors?.message);
    expect(await words('must be VALID')).toEqual(['Account must be valid.']);
    expect(await words('creme brulee')).toEqual([
      'The contact name Crème Brûlée Ltd is already assigned to another contact.',
    ]);
    expect(await words('"; drop')).toEqual([]);
    // Fixed in Xero and pushed again: the old words no longer find it.
    const [failed] = (await queryRecords(db, ENTITY, query({ q: 'must be valid' }))).data;
    await upsertRecords(db, ENTITY, [
      { ...failed!, sync_status: 'done', errors: {}, updated_at: new Date().toISOString() },
    ]);
    expect(await words('must be valid')).toEqual([]);
  });

  it("pages through a search's matches under a filter exactly once, in either order, counting them all", async () => {
    const stale = Array.from({ length: 7 }, (_, i) =>
      record(
        {
          sync_status: 'error',
          provider: i % 2 ? 'railz' : 'codat',
          errors: { message: `Stale object ${i}` },
        },
        // Some share an update time: the id orders them.
        10 + (i % 3),
      ),
    );
    await upsertRecords(db, ENTITY, stale);
    const codat = stale
      .filter((r) => r.provider === 'codat')
      .toSorted((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id.localeCompare(b.id))
      .map((r) => r.id);
    for (const [sort, expected] of [
      ['updated_at', codat],
      ['-updated_at', codat.toReversed()],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryRecords(
          db,
          ENTITY,
          query({ q: 'STALE obj', provider: 'codat', sort, limit: '3', ...(cursor && { cursor }) }),
        );
        expect(page.total).toBe(4);
        expect(page.facets.provider).toEqual({ codat: 4, railz: 3 });
        seen.push(...page.data.map((r) => r.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('lists and counts once a record that a search finds both by id and by its error', async () => {
    const id = randomUUID();
    await upsertRecords(db, ENTITY, [
      record({ id, sync_status: 'error', errors: { message: `Record ${id.slice(0, 8)} is locked.` } }, 9),
    ]);
    const page = await queryRecords(db, ENTITY, query({ q: id.slice(0, 8) }));
    expect(page.data.map((r) => r.id)).toEqual([id]);
    expect(page.total).toBe(1);
    expect(page.facets.sync_status.error).toBe(1);
  });

  it('answers an empty combination with no rows and a null cursor', async () => {
    const page = await queryRecords(db, ENTITY, query({ sync_status: 'pending', object_type: 'bill' }));
    expect(page).toMatchObject({ data: [], total: 0, next_cursor: null });
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(queryRecords(db, ENTITY, query({ cursor: 'not-a-cursor' }))).rejects.toThrow(/cursor/);
  });
});
