import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsQuerySchema, SORTS, sortParts, type ListedRecord, type Sort } from '../../contract/api';
import type { DocumentSummary } from '../../contract/documents';
import type { Db } from '../db/database';
import { saveDocuments } from '../documents/store';
import { BadCursorError } from '../http-errors';
import { openTestDatabase } from '../test/database';
import { queryRecords, recordPages } from './queries';
import { upsertRecords } from './store';
import { syncRecord } from './test-records';

const ENTITY = randomUUID();
let db: Db;

const invoice = (
  number: string | null,
  counterpart: string | null,
  minor: number | null,
  due: string | null,
) =>
  ({
    kind: 'invoice',
    number,
    counterpart_name: counterpart,
    total: minor === null ? null : { minor, currency: 'EUR' },
    issue_date: null,
    due_date: due,
    status: 'issued',
  }) satisfies DocumentSummary;

// Ties on every key (same number in another case, counterpart, amount, due date, update minute,
// status, provider, platform, error group), and records without a document or without a value.
const DOCUMENTS: (DocumentSummary | null)[] = [
  invoice('INV-2', 'Müller GmbH', 125000, '2026-03-01'),
  invoice('inv-2', 'Acme', 125000, '2026-03-01'),
  invoice('INV-10', 'acme', 990, '2026-01-15'),
  invoice('INV-1', 'Zeta', 125000, null),
  invoice(null, null, null, '2026-01-15'),
  { kind: 'customer', name: 'Beta Ltd', tax_id: null, email: null },
  { kind: 'product', name: 'Widget', price: { minor: 500, currency: 'JPY' } },
  null,
  null,
];
const OVERRIDES = [
  { sync_status: 'error', errors: { message: 'Stale object' } },
  { sync_status: 'error', errors: { message: 'Account must be valid.' }, provider: 'railz' },
  { sync_status: 'error', errors: { message: 'Stale object' }, platform: 'quickbooks' },
  { sync_status: 'pending' },
  {},
  { sync_status: 'error', errors: { message: 'Account must be valid.' } },
  { provider: 'railz', platform: 'quickbooks' },
  { sync_status: 'error', errors: { message: 'Stale object' } },
  {},
] as const;

beforeAll(async () => {
  db = await openTestDatabase();
  // Two records to a minute: updated_at ties too.
  const records = OVERRIDES.map((over, i) => syncRecord(over, Math.floor(i / 2)));
  await upsertRecords(db, ENTITY, records);
  await upsertRecords(db, randomUUID(), [syncRecord({}, 0)]);
  await saveDocuments(
    db,
    ENTITY,
    records.flatMap((r, i) =>
      DOCUMENTS[i] === null
        ? []
        : [{ recordId: r.id, objectId: r.object_id!, version: '', summary: DOCUMENTS[i]! }],
    ),
  );
});
afterAll(() => db.destroy());

/** What a record sorts by under `key`, as the list shows it; undefined when it has none. */
function keyOf(record: ListedRecord, key: string): (string | number)[] | undefined {
  const doc = record.document;
  const named = doc && ('number' in doc ? doc.number : 'name' in doc ? doc.name : null);
  const money = doc && ('total' in doc ? doc.total : 'price' in doc ? doc.price : null);
  const single: Record<string, string | number | null | undefined> = {
    number: named?.toLowerCase(),
    counterpart: (doc?.kind === 'customer' || doc?.kind === 'vendor'
      ? doc.name
      : doc && 'counterpart_name' in doc
        ? doc.counterpart_name
        : null
    )?.toLowerCase(),
    amount: money && (money.currency === 'JPY' ? money.minor : money.minor / 100),
    due_date: doc && 'due_date' in doc ? doc.due_date : null,
  };
  if (key in single) return single[key] == null ? undefined : [single[key]!, record.id];
  if (key === 'error')
    return record.classification ? [record.classification.group, record.updated_at, record.id] : undefined;
  if (key === 'updated_at') return [record.updated_at, record.id];
  return [record[key as 'provider']!, record.updated_at, record.id];
}

const compare = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};

/** The order the list must have: by the key, ties by the next columns, records without one last (newest first for errors, else by id). */
function expectedOrder(records: ListedRecord[], sort: Sort): string[] {
  const { key, desc } = sortParts(sort);
  const sign = desc ? -1 : 1;
  const valued = records.filter((r) => keyOf(r, key));
  const rest = records.filter((r) => !keyOf(r, key));
  const restKey = (r: ListedRecord) => (key === 'error' ? [r.updated_at, r.id] : [r.id]);
  return [
    ...valued.toSorted((a, b) => sign * compare(keyOf(a, key)!, keyOf(b, key)!)),
    ...rest.toSorted((a, b) => sign * compare(restKey(a), restKey(b))),
  ].map((r) => r.id);
}

async function walk(params: Record<string, string>): Promise<ListedRecord[]> {
  const seen: ListedRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryRecords(
      db,
      ENTITY,
      recordsQuerySchema.parse({ ...params, limit: '2', ...(cursor && { cursor }) }),
    );
    seen.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('sorting the list by any column', () => {
  it.each(SORTS)(
    'pages through every record exactly once in %s order, ties and records without a value included',
    async (sort) => {
      const all = await walk({ sync_status: '', sort });
      expect(all).toHaveLength(OVERRIDES.length);
      expect(all.map((r) => r.id)).toEqual(expectedOrder(all, sort));
    },
  );

  it.each(SORTS)(
    'keeps the %s order under a status filter, and for an id list and a search',
    async (sort) => {
      const failed = await walk({ sync_status: 'error', sort });
      expect(failed).toHaveLength(
        OVERRIDES.filter((o) => 'sync_status' in o && o.sync_status === 'error').length,
      );
      expect(failed.map((r) => r.id)).toEqual(expectedOrder(failed, sort));

      const everyone = await walk({ sync_status: '', sort });
      const ids = everyone
        .map((r) => r.id)
        .toReversed()
        .join(',');
      expect((await walk({ sync_status: '', ids, sort })).map((r) => r.id)).toEqual(
        everyone.map((r) => r.id),
      );
      // A three-letter search runs the trigram path: "inv" finds the invoices with a number.
      const searched = await walk({ sync_status: '', q: 'inv', sort });
      expect(searched.length).toBeGreaterThan(1);
      expect(searched.map((r) => r.id)).toEqual(
        everyone.map((r) => r.id).filter((id) => searched.some((r) => r.id === id)),
      );
    },
  );

  it('exports in the chosen order', async () => {
    const query = recordsQuerySchema.parse({ sync_status: '', sort: '-amount' });
    const exported: string[] = [];
    for await (const page of recordPages(db, ENTITY, query, 3)) exported.push(...page.map((r) => r.id));
    expect(exported).toEqual((await walk({ sync_status: '', sort: '-amount' })).map((r) => r.id));
  });

  it("refuses another sort's cursor, naming both sorts", async () => {
    const first = await queryRecords(
      db,
      ENTITY,
      recordsQuerySchema.parse({ sync_status: '', sort: 'amount', limit: '2' }),
    );
    const other = recordsQuerySchema.parse({
      sync_status: '',
      sort: '-due_date',
      cursor: first.next_cursor!,
    });
    await expect(queryRecords(db, ENTITY, other)).rejects.toThrow(BadCursorError);
    await expect(queryRecords(db, ENTITY, other)).rejects.toThrow(/sorted by amount, not -due_date/);
  });

  it('moves a record whose document is gone (or changed) to where its summary now puts it', async () => {
    const own = await openTestDatabase();
    const [a, b] = [syncRecord({}, 1), syncRecord({}, 2)];
    await upsertRecords(own, ENTITY, [a, b]);
    const save = (record: typeof a, summary: DocumentSummary | null) =>
      saveDocuments(own, ENTITY, [
        { recordId: record.id, objectId: record.object_id!, version: '', summary },
      ]);
    const order = async () =>
      (
        await queryRecords(own, ENTITY, recordsQuerySchema.parse({ sync_status: '', sort: '-amount' }))
      ).data.map((r) => r.id);
    await save(a, invoice('A', null, 100, null));
    await save(b, invoice('B', null, 200, null));
    expect(await order()).toEqual([b.id, a.id]);
    await save(a, invoice('A', null, 300, null));
    expect(await order()).toEqual([a.id, b.id]);
    await save(a, null);
    expect(await order()).toEqual([b.id, a.id]);
    await own.destroy();
  });
});
