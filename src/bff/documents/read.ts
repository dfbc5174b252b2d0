/**
 * Reads the Monite documents behind synced records and summarises them: one request per 100 ids
 * of each kind (receivables, payables, counterparts, products), and one per payment record,
 * which Monite only reads one at a time; then, in a second round, the vendors of the bills and
 * the documents the payments paid, for their names and numbers.
 */
import type { DocumentSummary } from '../../contract/documents';
import type { MonitePaymentRecord } from '../../monite/server-schemas.server';
import type { CallOptions, MoniteClient } from '../monite-client';
import {
  counterpartName,
  summariseCounterpart,
  summarisePayable,
  summarisePaymentRecord,
  summariseProduct,
  summariseReceivable,
} from './summarise';

export type DocumentTarget = { objectType: string; objectId: string };

/** Monite's document ids are UUIDs; anything else cannot name one (and would fail the whole batch). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Summaries by object id; a document Monite does not know is absent. */
export async function readSummaries(
  monite: MoniteClient,
  entityId: string,
  targets: readonly DocumentTarget[],
  options: CallOptions,
): Promise<Map<string, DocumentSummary>> {
  const idsOf = (...types: string[]) => [
    ...new Set(
      targets.filter((t) => types.includes(t.objectType) && UUID.test(t.objectId)).map((t) => t.objectId),
    ),
  ];
  const vendorIds = new Set(idsOf('vendor'));
  const [receivables, payables, counterparts, products, payments] = await Promise.all([
    monite.getReceivables(entityId, idsOf('receivable'), options),
    monite.getPayables(entityId, idsOf('bill'), options),
    monite.getCounterparts(entityId, idsOf('customer', 'vendor'), options),
    monite.getProducts(entityId, idsOf('product'), options),
    monite.getPaymentRecords(entityId, idsOf('payment_record'), options),
  ]);

  const names = new Map(counterparts.map((c) => [c.id, counterpartName(c)]));
  // A bill names its vendor by reference; OCR'd bills carry the name read from the document.
  const billVendors = payables.flatMap((p) =>
    p.counterpart_id && !names.has(p.counterpart_id) && !p.counterpart_raw_data?.name
      ? [p.counterpart_id]
      : [],
  );
  const [vendors, paymentSummaries] = await Promise.all([
    monite.getCounterparts(
      entityId,
      billVendors.filter((id) => UUID.test(id)),
      options,
    ),
    summarisePayments(monite, entityId, payments, options),
  ]);
  for (const v of vendors) names.set(v.id, counterpartName(v));

  const summaries = new Map<string, DocumentSummary>();
  for (const r of receivables) summaries.set(r.id, summariseReceivable(r));
  for (const p of payables)
    summaries.set(p.id, summarisePayable(p, p.counterpart_id ? names.get(p.counterpart_id) : undefined));
  for (const c of counterparts)
    summaries.set(c.id, summariseCounterpart(c, vendorIds.has(c.id) ? 'vendor' : 'customer'));
  for (const p of products) summaries.set(p.id, summariseProduct(p));
  for (const [id, summary] of paymentSummaries) summaries.set(id, summary);
  return summaries;
}

/** Payment records' summaries, with the numbers of the documents they paid (read 100 a request). */
export async function summarisePayments(
  monite: MoniteClient,
  entityId: string,
  payments: readonly MonitePaymentRecord[],
  options: CallOptions,
): Promise<Map<string, DocumentSummary>> {
  const paidIds = (type: string) =>
    payments.filter((p) => p.object.type === type && UUID.test(p.object.id)).map((p) => p.object.id);
  const [receivables, payables] = await Promise.all([
    monite.getReceivables(entityId, paidIds('receivable'), options),
    monite.getPayables(entityId, paidIds('payable'), options),
  ]);
  const numbers = new Map([...receivables, ...payables].map((d) => [d.id, d.document_id ?? null]));
  return new Map(payments.map((p) => [p.id, summarisePaymentRecord(p, numbers.get(p.object.id))]));
}
