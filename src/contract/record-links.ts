/**
 * Links out of Sync Desk for a record: to the synced object in Xero or QuickBooks Online, and to
 * the document in Monite's (or the partner's own) web app. Browser-safe, without zod.
 *
 * Platform links exist only where the platform has a web page for that kind of object and the id
 * has the platform's shape (Xero: GUIDs; QuickBooks Online: integers); otherwise none, rather than
 * a link that may land on the wrong page.
 * - Xero: https://developer.xero.com/documentation/api-guides/deep-link-xero lists invoices at
 *   /AccountsReceivable/View.aspx?InvoiceID=, bills at /AccountsPayable/Edit.aspx?InvoiceID= (its
 *   "View a bill" example) and contacts at /Contacts/View/<id> (the "new UI" form it recommends).
 *   Monite does not expose the organisation's ShortCode, so the link opens in the Xero organisation
 *   the person last used, as Xero's plain go.xero.com links do.
 * - QuickBooks Online: Intuit documents no deep links; these are the web app's own addresses
 *   (https://app.qbo.intuit.com/app/invoice?txnId=, bill?txnId=, customerdetail?nameId=,
 *   vendordetail?nameId=; the sandbox at app.sandbox.qbo.intuit.com), as Avalara's help shows
 *   for customers (https://help.avalara.com/Frequently_Asked_Questions/QuickBooks_Online_FAQ/How_do_I_locate_my_customer_codes_in_Quickbooks_online%3F)
 *   and as many public integrations link them.
 * - No link: Monite's platform `quickbooks` (Desktop or Online is not said), products, payment
 *   records, and receivables not known to be invoices (quotes and credit notes have other pages).
 */
import type { DocumentSummary } from './documents';

export type RecordLink = { label: string; url: string };

type LinkedRecord = {
  platform?: string | null;
  object_type: string;
  platform_object_id?: string | null;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^\d{1,20}$/;

/** The kind of object a record is, as the platforms' pages tell them apart. */
function pageKind(objectType: string, documentKind: DocumentSummary['kind'] | undefined) {
  if (objectType === 'receivable') return documentKind === 'invoice' ? 'invoice' : null;
  if (objectType === 'bill' || objectType === 'customer' || objectType === 'vendor') return objectType;
  return null;
}

const XERO_PAGES = {
  invoice: (id: string) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`,
  bill: (id: string) => `https://go.xero.com/AccountsPayable/Edit.aspx?InvoiceID=${id}`,
  customer: (id: string) => `https://go.xero.com/Contacts/View/${id}`,
  vendor: (id: string) => `https://go.xero.com/Contacts/View/${id}`,
};

const QBO_PATHS = {
  invoice: 'invoice?txnId=',
  bill: 'bill?txnId=',
  customer: 'customerdetail?nameId=',
  vendor: 'vendordetail?nameId=',
};

const QBO_HOSTS: Record<string, string> = {
  quickbooks_online: 'https://app.qbo.intuit.com',
  quickbooks_online_sandbox: 'https://app.sandbox.qbo.intuit.com',
};

/**
 * "Open in Xero" / "Open in QuickBooks" for a synced record, or null where the platform has no
 * page for it (see above). `document` is the record's summary, which tells an invoice from a quote.
 */
export function platformLink(record: LinkedRecord, document?: DocumentSummary | null): RecordLink | null {
  const id = record.platform_object_id;
  const kind = pageKind(record.object_type, document?.kind);
  if (!id || !kind) return null;
  if (record.platform === 'xero' && GUID.test(id)) {
    return { label: 'Open in Xero', url: XERO_PAGES[kind](id) };
  }
  const host = record.platform ? QBO_HOSTS[record.platform] : undefined;
  if (host && INTEGER.test(id)) {
    return { label: 'Open in QuickBooks', url: `${host}/app/${QBO_PATHS[kind]}${id}` };
  }
  return null;
}

/** What `RECORD_LINK_TEMPLATE` may name, e.g. `https://app.example.com/{object_type}/{object_id}`. */
export const RECORD_LINK_PLACEHOLDERS = ['entity_id', 'object_type', 'object_id'] as const;
type Placeholder = (typeof RECORD_LINK_PLACEHOLDERS)[number];

/** Why a template cannot be used, or null when it can: an https URL naming only known placeholders. */
export function recordLinkTemplateProblem(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(RECORD_LINK_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return `unknown placeholder ${unknown.map((n) => `{${n}}`).join(', ')}; use ${RECORD_LINK_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}`;
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) return 'a brace that opens no placeholder';
  if (!template.includes('{object_id}')) return 'it must name {object_id}';
  let url: URL;
  try {
    url = new URL(template.replace(/\{[^{}]*\}/g, 'x'));
  } catch {
    return 'not a URL';
  }
  return url.protocol === 'https:' ? null : 'it must be an https URL';
}

/**
 * "Open in Monite": the template with the record's values, each URL-encoded; null without a
 * template or without an object id. The template was checked at start (recordLinkTemplateProblem).
 */
export function moniteLink(
  template: string | null,
  entityId: string,
  record: { object_type: string; object_id?: string | null },
): RecordLink | null {
  if (!template || !record.object_id) return null;
  const values: Record<Placeholder, string> = {
    entity_id: entityId,
    object_type: record.object_type,
    object_id: record.object_id,
  };
  const url = template.replace(/\{([^{}]*)\}/g, (_, name: Placeholder) => encodeURIComponent(values[name]));
  return { label: 'Open in Monite', url };
}
