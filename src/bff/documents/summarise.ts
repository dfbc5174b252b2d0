/**
 * Monite documents → what a person recognises (src/contract/documents.ts). Pure functions over the
 * parsed upstream objects, so the fetcher can summarise whatever batch it read.
 */
import { DOCUMENT_KINDS, type DocumentSummary, type Money } from '../../contract/documents';
import type {
  MoniteCounterpart,
  MonitePayable,
  MonitePaymentRecord,
  MoniteProduct,
  MoniteReceivable,
} from '../../monite/server-schemas.server';

type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Monite sends dates as `YYYY-MM-DD` or as a date-time (a receivable's `issue_date`); show the day. */
const day = (value: string | null | undefined) => (value ? value.slice(0, 10) : null);

const money = (minor: number | null | undefined, currency: string | null | undefined): Money | null =>
  minor === null || minor === undefined || !currency ? null : { minor, currency };

const isDocumentKind = (type: string): type is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(type);

export function summariseReceivable(r: MoniteReceivable): DocumentSummary {
  return {
    // A receivable type newer than this code is still a document; "invoice" is the likeliest reading.
    kind: isDocumentKind(r.type) ? r.type : 'invoice',
    number: r.document_id ?? null,
    counterpart_name: r.counterpart_name ?? null,
    total: money(r.total_amount, r.currency),
    issue_date: day(r.issue_date),
    due_date: day(r.due_date),
    status: r.status,
  };
}

/** `vendorName`: the linked counterpart's name when the caller has read it. */
export function summarisePayable(p: MonitePayable, vendorName?: string): DocumentSummary {
  return {
    kind: 'bill',
    number: p.document_id ?? null,
    counterpart_name: vendorName ?? p.counterpart_raw_data?.name ?? null,
    total: money(p.total_amount, p.currency),
    issue_date: day(p.issued_at),
    due_date: day(p.due_date),
    status: p.status,
  };
}

export function counterpartName(c: MoniteCounterpart): string {
  if (c.organization) return c.organization.legal_name;
  if (c.individual) return `${c.individual.first_name} ${c.individual.last_name}`;
  return c.id;
}

/** The synced record's object type says whether the counterpart is synced as a customer or a vendor. */
export function summariseCounterpart(c: MoniteCounterpart, kind: 'customer' | 'vendor'): DocumentSummary {
  return {
    kind,
    name: counterpartName(c),
    tax_id: c.tax_id || null,
    email: c.organization?.email ?? c.individual?.email ?? null,
  };
}

export function summariseProduct(p: MoniteProduct): DocumentSummary {
  return { kind: 'product', name: p.name, price: money(p.price?.value, p.price?.currency) };
}

/** `paidNumber`: the paid document's number when the caller has read that receivable or payable. */
export function summarisePaymentRecord(p: MonitePaymentRecord, paidNumber?: string | null): DocumentSummary {
  return {
    kind: 'payment',
    amount: { minor: p.amount, currency: p.currency },
    paid_on: day(p.paid_at),
    paid: { type: p.object.type, id: p.object.id, number: paidNumber ?? null },
  };
}
