import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from './documents';
import { moniteLink, platformLink, recordLinkTemplateProblem } from './record-links';

const GUID = '1cf1a11c-a067-4a05-9c8b-06f281f7afed';
const invoice: DocumentSummary = {
  kind: 'invoice',
  number: 'INV-2041',
  counterpart_name: 'Müller GmbH',
  total: { minor: 125000, currency: 'EUR' },
  issue_date: '2026-11-01',
  due_date: '2026-12-12',
  status: 'issued',
};
const quote: DocumentSummary = { ...invoice, kind: 'quote' };

const qbo = (platform: string, object_type: string, document?: DocumentSummary) =>
  platformLink({ platform, object_type, platform_object_id: '145' }, document);

describe('platformLink', () => {
  it('opens invoices, bills and contacts in Xero', () => {
    const xero = (object_type: string, document?: DocumentSummary) =>
      platformLink({ platform: 'xero', object_type, platform_object_id: GUID }, document)?.url;
    expect(xero('receivable', invoice)).toBe(
      `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${GUID}`,
    );
    expect(xero('bill')).toBe(`https://go.xero.com/AccountsPayable/Edit.aspx?InvoiceID=${GUID}`);
    expect(xero('customer')).toBe(`https://go.xero.com/Contacts/View/${GUID}`);
    expect(xero('vendor')).toBe(`https://go.xero.com/Contacts/View/${GUID}`);
    expect(platformLink({ platform: 'xero', object_type: 'bill', platform_object_id: GUID })?.label).toBe(
      'Open in Xero',
    );
  });

  it('opens invoices, bills, customers and vendors in QuickBooks Online and its sandbox', () => {
    expect(qbo('quickbooks_online', 'receivable', invoice)).toEqual({
      label: 'Open in QuickBooks',
      url: 'https://app.qbo.intuit.com/app/invoice?txnId=145',
    });
    expect(qbo('quickbooks_online', 'bill')?.url).toBe('https://app.qbo.intuit.com/app/bill?txnId=145');
    expect(qbo('quickbooks_online', 'customer')?.url).toBe(
      'https://app.qbo.intuit.com/app/customerdetail?nameId=145',
    );
    expect(qbo('quickbooks_online_sandbox', 'vendor')?.url).toBe(
      'https://app.sandbox.qbo.intuit.com/app/vendordetail?nameId=145',
    );
  });

  it('gives no link where the page is unknown or the id has the wrong shape', () => {
    const none = [
      { platform: 'quickbooks', object_type: 'bill', platform_object_id: '145' },
      { platform: 'xero', object_type: 'product', platform_object_id: GUID },
      { platform: 'xero', object_type: 'payment_record', platform_object_id: GUID },
      { platform: 'xero', object_type: 'receivable', platform_object_id: GUID },
      { platform: 'xero', object_type: 'bill', platform_object_id: null },
      { platform: 'xero', object_type: 'bill', platform_object_id: '145' },
      { platform: 'quickbooks_online', object_type: 'bill', platform_object_id: '145&x=javascript:1' },
      { platform: null, object_type: 'bill', platform_object_id: '145' },
    ];
    expect(none.map((record) => platformLink(record))).toEqual(none.map(() => null));
    expect(
      platformLink({ platform: 'xero', object_type: 'receivable', platform_object_id: GUID }, quote),
    ).toBeNull();
  });
});

describe('RECORD_LINK_TEMPLATE', () => {
  it('accepts an https URL naming known placeholders, and says what is wrong otherwise', () => {
    expect(recordLinkTemplateProblem('https://app.example.com/{object_type}/{object_id}')).toBeNull();
    expect(recordLinkTemplateProblem('https://app.example.com/e/{entity_id}/d/{object_id}?x=1')).toBeNull();
    expect(recordLinkTemplateProblem('http://app.example.com/{object_id}')).toMatch(/https/);
    expect(recordLinkTemplateProblem('https://app.example.com/{objectid}')).toMatch(
      /unknown placeholder \{objectid\}/,
    );
    expect(recordLinkTemplateProblem('https://app.example.com/{object_type}')).toMatch(/\{object_id\}/);
    expect(recordLinkTemplateProblem('https://app.example.com/{object_id}}')).toMatch(/brace/);
    expect(recordLinkTemplateProblem('{object_id}')).toMatch(/not a URL/);
  });

  it("fills the template with the record's values, URL-encoded", () => {
    const template = 'https://app.example.com/{entity_id}/{object_type}/{object_id}';
    expect(moniteLink(template, 'e1', { object_type: 'receivable', object_id: 'a/b?c' })).toEqual({
      label: 'Open in Monite',
      url: 'https://app.example.com/e1/receivable/a%2Fb%3Fc',
    });
    expect(moniteLink(template, 'e1', { object_type: 'bill', object_id: null })).toBeNull();
    expect(moniteLink(null, 'e1', { object_type: 'bill', object_id: 'b1' })).toBeNull();
  });
});
