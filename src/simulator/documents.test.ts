/** The documents behind synced records: batches by id__in, consistency with the records' errors. */
import { describe, expect, it } from 'vitest';
import type { ObjectType } from '../monite/schemas';
import { clientFor, flawOf, mswServer, steppingClock } from './test-support';

const msw = mswServer();
const LIST: Record<Exclude<ObjectType, 'payment_record'>, string> = {
  receivable: '/receivables',
  bill: '/payables',
  customer: '/counterparts',
  vendor: '/counterparts',
  product: '/products',
};
type Doc = Record<string, unknown> & { id: string };

async function documentsOf(entityId: string, type: keyof typeof LIST, ids: string[]) {
  const client = await clientFor(entityId);
  const out: Doc[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const res = await client.get(LIST[type], { query: { id__in: ids.slice(i, i + 100) } });
    expect(res.status).toBe(200);
    out.push(...(res.body.data as Doc[]));
  }
  return out;
}

describe('documents', () => {
  it('are the same for the same seed, and only the asked-for ids come back', async () => {
    const clock = steppingClock();
    const first = msw.use({ now: clock.now });
    const entityId = first.entities[0]!.id;
    const ids = first.store
      .records(entityId, 'receivable')
      .slice(0, 5)
      .map((r) => r.object_id);
    const docs = await documentsOf(entityId, 'receivable', ids);
    expect(docs.map((d) => d.id)).toEqual(ids);
    msw.use({ now: clock.now });
    expect(await documentsOf(entityId, 'receivable', ids)).toEqual(docs);
  });

  it('an unknown id, or one of another kind or entity, is simply absent', async () => {
    const sim = msw.use();
    const [acme, northwind] = sim.entities.map((e) => e.id) as [string, string];
    const invoice = sim.store.records(acme, 'receivable')[0]!.object_id;
    const bill = sim.store.records(acme, 'bill')[0]!.object_id;
    const theirs = sim.store.records(northwind, 'receivable')[0]!.object_id;
    const client = await clientFor(acme);
    const res = await client.get('/receivables', {
      query: { id__in: [invoice, bill, theirs, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: Doc) => d.id)).toEqual([invoice]);
    expect((await client.get(`/payment_records/${bill}`)).status).toBe(404);
  });

  it('more ids than `limit` come in pages; malformed ids and a limit over the maximum are refused', async () => {
    const sim = msw.use();
    const entityId = sim.entities[0]!.id;
    const client = await clientFor(entityId);
    const ids = sim.store
      .records(entityId, 'product')
      .slice(0, 150)
      .map((r) => r.object_id);
    const first = await client.get('/products', { query: { id__in: ids } });
    expect(first.body.data).toHaveLength(100);
    const rest = await client.get('/products', {
      query: { pagination_token: first.body.next_pagination_token },
    });
    expect(rest.body.data).toHaveLength(50);
    expect(rest.body.next_pagination_token).toBeNull();
    expect([...first.body.data, ...rest.body.data].map((d: Doc) => d.id).toSorted()).toEqual(ids.toSorted());

    const bad = await client.get('/payables', { query: { id__in: [ids[0]!, 'INV-2041'], limit: 101 } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual([
      ['query', 'limit'],
      ['query', 'id__in', 1],
    ]);
    // Receivables allow pages of 250.
    expect((await client.get('/receivables', { query: { limit: 250 } })).status).toBe(200);
  });

  it("a duplicate-number failure's document shares its number with another of the entity", async () => {
    const sim = msw.use();
    for (const [type, field] of [
      ['receivable', 'document_id'],
      ['bill', 'document_id'],
    ] as const) {
      const entityId = sim.entities[0]!.id;
      const records = sim.store.records(entityId, type);
      const docs = await documentsOf(
        entityId,
        type,
        records.map((r) => r.object_id),
      );
      const count = new Map<unknown, number>();
      for (const d of docs) count.set(d[field], (count.get(d[field]) ?? 0) + 1);
      const duplicates = records.filter((r) => flawOf(r.errors) === 'duplicate_number');
      expect(duplicates.length).toBeGreaterThan(0);
      for (const r of duplicates) {
        const doc = docs.find((d) => d.id === r.object_id)!;
        expect(count.get(doc[field])).toBeGreaterThan(1);
      }
      // Numbers are otherwise unique.
      expect([...count.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(duplicates.length);
    }
  });

  it('a missing-tax-rate failure is a bill without a tax rate, or an invoice line mapped to none', async () => {
    const sim = msw.use();
    const entityId = sim.entities[0]!.id;
    const flawed = (type: ObjectType) =>
      sim.store.records(entityId, type).filter((r) => flawOf(r.errors) === 'missing_tax_rate');
    const bills = await documentsOf(
      entityId,
      'bill',
      flawed('bill').map((r) => r.object_id),
    );
    expect(bills.length).toBeGreaterThan(0);
    for (const b of bills) expect(b).not.toHaveProperty('tax');
    const healthy = sim.store.records(entityId, 'bill').find((r) => r.sync_status === 'done')!;
    expect((await documentsOf(entityId, 'bill', [healthy.object_id]))[0]).toHaveProperty('tax');

    const invoices = await documentsOf(
      entityId,
      'receivable',
      flawed('receivable').map((r) => r.object_id),
    );
    expect(invoices.length).toBeGreaterThan(0);
    for (const inv of invoices) {
      const lines = inv.line_items as { product: Record<string, unknown> }[];
      expect(lines.some((l) => !('accounting_tax_rate_id' in l.product))).toBe(true);
    }
  });

  it('links resolve: an invoice names its customer, a payment pays a document of the entity', async () => {
    const sim = msw.use();
    const entityId = sim.entities[0]!.id;
    const client = await clientFor(entityId);
    const [invoice] = await documentsOf(entityId, 'receivable', [
      sim.store.records(entityId, 'receivable')[50]!.object_id,
    ]);
    const [customer] = await documentsOf(entityId, 'customer', [invoice!.counterpart_id as string]);
    const { organization, individual } = customer as {
      organization?: { legal_name: string };
      individual?: { first_name: string; last_name: string };
    };
    const name = organization?.legal_name ?? `${individual?.first_name} ${individual?.last_name}`;
    expect(name).toBe(invoice!.counterpart_name);
    for (const record of sim.store.records(entityId, 'payment_record').slice(0, 20)) {
      const payment = (await client.get(`/payment_records/${record.object_id}`)).body;
      const paid = payment.object as { id: string; type: string };
      const [doc] = await documentsOf(entityId, paid.type === 'payable' ? 'bill' : 'receivable', [paid.id]);
      expect(doc?.currency).toBe(payment.currency);
    }
  });
});
