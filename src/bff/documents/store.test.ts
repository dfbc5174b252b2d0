import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { upsertRecords } from '../mirror/store';
import { syncRecord } from '../mirror/test-records';
import { openTestDatabase } from '../test/database';
import { documentsOf, saveDocuments } from './store';

const ENTITY = randomUUID();
let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.destroy());

describe('saveDocuments', () => {
  it('stores a large batch in short transactions, so other statements are not held back behind all of it', async () => {
    const records = Array.from({ length: 1000 }, () => syncRecord({}, 0));
    await upsertRecords(db, ENTITY, records);
    const read = records.map((r, i) => ({
      recordId: r.id,
      objectId: r.object_id!,
      version: '',
      summary: { kind: 'product' as const, name: `Widget ${i}`, price: null },
    }));

    const finished: string[] = [];
    const saving = saveDocuments(db, ENTITY, read).then(() => finished.push('save'));
    // Asked for just after the save started, on the same connection (one per server).
    const reading = db
      .selectFrom('mirror_record')
      .select('id')
      .limit(1)
      .execute()
      .then(() => finished.push('read'));
    await Promise.all([saving, reading]);

    expect(finished).toEqual(['read', 'save']);
    const stored = await documentsOf(
      db,
      ENTITY,
      records.map((r) => r.id),
    );
    expect(stored.size).toBe(1000);
    expect(stored.get(records[999]!.id)).toMatchObject({ name: 'Widget 999' });
  });
});
