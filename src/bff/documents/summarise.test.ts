import { describe, expect, it } from 'vitest';
import { documentSummarySchema } from '../../contract/documents';
import {
  counterpartSchema,
  payableSchema,
  paymentRecordSchema,
  productSchema,
  receivableSchema,
} from '../../monite/server-schemas.server';
import {
  summariseCounterpart,
  summarisePayable,
  summarisePaymentRecord,
  summariseProduct,
  summariseReceivable,
} from './summarise';

/** Trimmed from Monite's responses: the fields a summary reads, plus some it ignores, nulls included. */
const invoice = {
  id: '1140fae6-b405-4b3c-9a3e-0d5c8f4a2b11',
  type: 'invoice',
  created_at: '2026-11-02T09:14:03.512Z',
  updated_at: '2026-11-02T09:20:41.001Z',
  document_id: 'INV-2041',
  counterpart_id: '5b0a4c3e-8f5d-4d0e-9a7b-2c1d0e9f8a71',
  counterpart_type: 'organization',
  counterpart_name: 'Müller GmbH',
  counterpart_tax_id: null,
  currency: 'EUR',
  total_amount: 125000,
  total_vat_amount: 19958,
  amount_due: 125000,
  issue_date: '2026-11-12T00:00:00Z',
  due_date: '2026-12-12',
  status: 'issued',
  line_items: [],
  memo: null,
};

const parse = <T>(schema: { parse: (v: unknown) => T }, body: unknown) => schema.parse(body);

describe('document summaries', () => {
  it('an invoice reads as its number, customer, total with currency, dates and status', () => {
    const summary = summariseReceivable(parse(receivableSchema, invoice));
    expect(summary).toEqual({
      kind: 'invoice',
      number: 'INV-2041',
      counterpart_name: 'Müller GmbH',
      total: { minor: 125000, currency: 'EUR' },
      issue_date: '2026-11-12',
      due_date: '2026-12-12',
      status: 'issued',
    });
    expect(documentSummarySchema.parse(summary)).toEqual(summary);
  });

  it('a credit note keeps its kind; a draft without number or due date says so with nulls', () => {
    const draft = { ...invoice, type: 'credit_note', document_id: null, due_date: null, status: 'draft' };
    expect(summariseReceivable(parse(receivableSchema, draft))).toMatchObject({
      kind: 'credit_note',
      number: null,
      due_date: null,
      status: 'draft',
    });
  });

  it("a bill names the linked vendor when known, else the name read from the bill's file", () => {
    const bill = parse(payableSchema, {
      id: 'f33083a0-7c1e-4a5f-8e2b-9d4c3b2a1f00',
      entity_id: '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f',
      created_at: '2026-10-30T11:00:00Z',
      updated_at: '2026-10-30T11:00:00Z',
      document_id: 'RE-88213',
      counterpart_id: null,
      counterpart_raw_data: { name: 'Stadtwerke Köln', email: null },
      currency: 'EUR',
      total_amount: 48790,
      issued_at: '2026-10-28',
      due_date: '2026-11-27',
      status: 'waiting_to_be_paid',
      credit_notes: [],
      payable_origin: 'upload',
      source_of_payable_data: 'ocr',
    });
    expect(summarisePayable(bill)).toEqual({
      kind: 'bill',
      number: 'RE-88213',
      counterpart_name: 'Stadtwerke Köln',
      total: { minor: 48790, currency: 'EUR' },
      issue_date: '2026-10-28',
      due_date: '2026-11-27',
      status: 'waiting_to_be_paid',
    });
    expect(summarisePayable(bill, 'Stadtwerke Köln AG')).toMatchObject({
      counterpart_name: 'Stadtwerke Köln AG',
    });
  });

  it('a customer organization shows its legal name, tax id and email; an individual their full name', () => {
    const org = parse(counterpartSchema, {
      id: '5b0a4c3e-8f5d-4d0e-9a7b-2c1d0e9f8a71',
      type: 'organization',
      tax_id: 'DE811128135',
      organization: {
        legal_name: 'Müller GmbH',
        email: 'buchhaltung@mueller.de',
        is_customer: true,
        is_vendor: false,
      },
    });
    expect(summariseCounterpart(org, 'customer')).toEqual({
      kind: 'customer',
      name: 'Müller GmbH',
      tax_id: 'DE811128135',
      email: 'buchhaltung@mueller.de',
    });
    const person = parse(counterpartSchema, {
      id: '7d9e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
      type: 'individual',
      tax_id: null,
      individual: { first_name: 'Jane', last_name: 'Doe', is_customer: false, is_vendor: true },
    });
    expect(summariseCounterpart(person, 'vendor')).toEqual({
      kind: 'vendor',
      name: 'Jane Doe',
      tax_id: null,
      email: null,
    });
  });

  it('a product shows its name and price', () => {
    const product = parse(productSchema, {
      id: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b',
      entity_id: '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f',
      name: 'Consulting hour',
      type: 'service',
      price: { currency: 'GBP', value: 9500 },
      ledger_account_id: null,
    });
    expect(summariseProduct(product)).toEqual({
      kind: 'product',
      name: 'Consulting hour',
      price: { minor: 9500, currency: 'GBP' },
    });
  });

  it('a payment shows amount, day paid and the document it paid, with its number when known', () => {
    const payment = parse(paymentRecordSchema, {
      id: '9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a',
      amount: 125000,
      currency: 'EUR',
      paid_at: '2026-11-20T14:03:00Z',
      is_external: true,
      history: [],
      object: { id: invoice.id, type: 'receivable', old_status: 'issued', new_status: 'paid' },
    });
    expect(summarisePaymentRecord(payment, 'INV-2041')).toEqual({
      kind: 'payment',
      amount: { minor: 125000, currency: 'EUR' },
      paid_on: '2026-11-20',
      paid: { type: 'receivable', id: invoice.id, number: 'INV-2041' },
    });
    expect(summarisePaymentRecord(payment)).toMatchObject({ paid: { number: null } });
  });
});
