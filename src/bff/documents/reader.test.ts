import { expect, it } from 'vitest';
import type { ListedRecord, RecordsPage } from '../../contract/api';
import { startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

const DOCUMENT_PATHS = ['/v1/receivables', '/v1/payables', '/v1/counterparts', '/v1/products'];
const KINDS: Record<string, string[]> = {
  receivable: ['invoice', 'quote', 'credit_note'],
  bill: ['bill'],
  customer: ['customer'],
  vendor: ['vendor'],
  product: ['product'],
  payment_record: ['payment'],
};

async function everyRecord(bff: Bff, query = ''): Promise<ListedRecord[]> {
  const headers = await bff.signIn('viewer');
  const records: ListedRecord[] = [];
  let cursor = '';
  do {
    const res = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records?sync_status=&limit=200${query}${cursor && `&cursor=${cursor}`}`,
      headers,
    });
    const page = res.json<RecordsPage>();
    records.push(...page.data);
    cursor = page.next_cursor ?? '';
  } while (cursor);
  return records;
}

const documentRequests = (bff: Bff) =>
  bff.sim.store.requests.filter(
    (r) => DOCUMENT_PATHS.includes(r.path) || r.path.startsWith('/v1/payment_records'),
  );

const amount = (minor: number) =>
  (minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

it('reads what every record is, failed records first, and search finds them by number, name and amount', async () => {
  const bff = await startBff();
  await bff.deps.refresher.refresh(bff.entityId);
  await bff.deps.documents.fill(bff.entityId);

  const records = await everyRecord(bff);
  expect(records).toHaveLength(300);
  for (const r of records) expect(KINDS[r.object_type]).toContain(r.document?.kind);
  // More payment records waited than the entity has pages of them: read by pages, not one by one.
  const payments = bff.sim.store.records(bff.entityId, 'payment_record').length;
  expect(payments).toBeGreaterThan(1);
  expect(documentRequests(bff).filter((r) => r.path === '/v1/payment_records')).toHaveLength(
    Math.ceil(payments / 100),
  );
  expect(documentRequests(bff).filter((r) => r.path.startsWith('/v1/payment_records/'))).toEqual([]);

  // The first round asked only for the documents of failed records.
  const failedObjects = new Set(records.filter((r) => r.sync_status === 'error').map((r) => r.object_id));
  const first = documentRequests(bff)[0]!;
  const asked = first.query.getAll('id__in');
  expect(asked.length).toBeGreaterThan(0);
  for (const id of asked) expect(failedObjects).toContain(id);

  const invoice = records.find(
    (r) =>
      r.document?.kind === 'invoice' && r.document.number && r.document.counterpart_name && r.document.total,
  )!;
  const doc = invoice.document as Extract<NonNullable<ListedRecord['document']>, { number: unknown }>;
  const found = async (q: string) => (await everyRecord(bff, `&q=${encodeURIComponent(q)}`)).map((r) => r.id);
  expect(await found(doc.number!)).toContain(invoice.id);
  expect(await found(doc.counterpart_name!.toUpperCase())).toContain(invoice.id);
  expect(await found(amount(doc.total!.minor))).toContain(invoice.id);
  expect(await found(amount(doc.total!.minor).replaceAll(',', ''))).toContain(invoice.id);
  await bff.close();
});

it('reads a document again when Monite says it changed, and not otherwise', async () => {
  const bff = await startBff();
  await bff.deps.refresher.refresh(bff.entityId);
  await bff.deps.documents.fill(bff.entityId);
  const [record] = bff.sim.store.records(bff.entityId, 'product');
  const asks = () =>
    documentRequests(bff).filter((r) => r.query.getAll('id__in').includes(record!.object_id!)).length;
  expect(asks()).toBe(1);

  await bff.deps.refresher.refresh(bff.entityId);
  await bff.deps.documents.fill(bff.entityId);
  expect(asks()).toBe(1);

  bff.sim.store.update(bff.entityId, record!.id, { object_updated_at: new Date().toISOString() });
  await bff.deps.refresher.refresh(bff.entityId);
  await bff.deps.documents.fill(bff.entityId);
  expect(asks()).toBe(2);
  await bff.close();
});

it('stops while Monite fails and carries on after the next refresh, losing nothing', async () => {
  const bff = await startBff();
  await bff.deps.refresher.refresh(bff.entityId);
  await bff.deps.documents.fill(bff.entityId).catch(() => {}); // the first, kicked pass
  const [record] = bff.sim.store.records(bff.entityId, 'customer');
  bff.sim.store.update(bff.entityId, record!.id, { object_updated_at: new Date().toISOString() });
  // As many failures as the client's read tries (4): this read fails.
  bff.sim.faults.failNext(4, 503, '/counterparts');
  await bff.deps.refresher.refresh(bff.entityId);
  await expect(bff.deps.documents.fill(bff.entityId)).rejects.toThrow(/Service Unavailable|503/);

  await bff.deps.refresher.refresh(bff.entityId);
  await bff.deps.documents.fill(bff.entityId);
  const records = await everyRecord(bff);
  expect(records.filter((r) => r.document === null)).toEqual([]);
  await bff.close();
});
