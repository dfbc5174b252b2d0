import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../contract/documents';
import { documentDetails, formatDay, formatMoney, recordName } from './document-text';

const record = (document: DocumentSummary | null, object_type = 'receivable') => ({
  id: 'rec-1',
  object_type,
  object_id: 'obj-1',
  document,
});

const invoice: DocumentSummary = {
  kind: 'invoice',
  number: 'INV-2041',
  counterpart_name: 'Müller GmbH',
  total: { minor: 125_000, currency: 'EUR' },
  issue_date: '2026-11-12',
  due_date: '2026-12-12',
  status: 'issued',
};

describe('document text', () => {
  it('turns minor units into the currency’s own decimals', () => {
    expect(formatMoney({ minor: 125_000, currency: 'EUR' })).toBe('€1,250.00');
    expect(formatMoney({ minor: 5, currency: 'GBP' })).toBe('£0.05');
    // Yen has no minor unit; Bahraini dinar has three digits.
    expect(formatMoney({ minor: 1250, currency: 'JPY' })).toBe('JP¥1,250');
    expect(formatMoney({ minor: 1250, currency: 'BHD' })).toMatch(/^BHD\s1\.250$/);
  });

  it('says a calendar date the same in every time zone', () => {
    expect(formatDay('2026-12-12')).toBe('12 Dec 2026');
    expect(formatDay('2027-01-01')).toBe('1 Jan 2027');
    // Not a date: shown as it came, not as "Invalid Date".
    expect(formatDay('2026-13-01')).toBe('2026-13-01');
  });

  it('names an invoice by number, with customer, total and due date', () => {
    expect(recordName(record(invoice))).toBe('Invoice INV-2041');
    expect(documentDetails(invoice)).toEqual(['Müller GmbH', '€1,250.00', 'due 12 Dec 2026']);
    const draft = { ...invoice, number: null, due_date: null, total: null };
    expect(recordName(record(draft))).toBe('Invoice (draft, no number)');
    expect(documentDetails(draft)).toEqual(['Müller GmbH', 'issued 12 Nov 2026']);
  });

  it('names parties, products and payments', () => {
    const vendor: DocumentSummary = { kind: 'vendor', name: 'Acme BV', tax_id: 'NL123', email: null };
    expect(recordName(record(vendor, 'vendor'))).toBe('Vendor Acme BV');
    expect(documentDetails(vendor)).toEqual(['Tax ID NL123']);
    const product: DocumentSummary = {
      kind: 'product',
      name: 'Consulting',
      price: { minor: 9900, currency: 'USD' },
    };
    expect(recordName(record(product, 'product'))).toBe('Product Consulting');
    expect(documentDetails(product)).toEqual(['US$99.00']);
    const payment: DocumentSummary = {
      kind: 'payment',
      amount: { minor: 50_000, currency: 'EUR' },
      paid_on: '2026-12-03',
      paid: { type: 'receivable', id: '0c1f9e2a-aaaa-bbbb', number: 'INV-1020' },
    };
    expect(recordName(record(payment, 'payment_record'))).toBe('Payment €500.00');
    expect(documentDetails(payment)).toEqual(['paid 3 Dec 2026', 'for INV-1020']);
    expect(documentDetails({ ...payment, paid: { ...payment.paid, number: null } })).toEqual([
      'paid 3 Dec 2026',
      'for Receivable 0c1f9e2a…',
    ]);
  });

  it('falls back to the type and object id until the document is read', () => {
    expect(recordName(record(null, 'bill'))).toBe('Bill obj-1');
    expect(recordName({ id: 'rec-2', object_type: 'bill', object_id: null, document: null })).toBe(
      'Bill rec-2',
    );
  });
});
