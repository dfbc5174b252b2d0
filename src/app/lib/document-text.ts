/**
 * What a record is, in the words finance staff use: "Invoice INV-2041 · Müller GmbH · €1,250.00 ·
 * due 12 Dec 2026". Plain functions over the BFF's document summary, for the list, the drawer,
 * the push dialogs and the job panel alike.
 */
import type { DocumentSummary, Money } from '../../contract/documents';
import { labelOf } from './labels';

const KIND_LABELS: Record<DocumentSummary['kind'], string> = {
  invoice: 'Invoice',
  quote: 'Quote',
  credit_note: 'Credit note',
  bill: 'Bill',
  customer: 'Customer',
  vendor: 'Vendor',
  product: 'Product',
  payment: 'Payment',
};

/**
 * One formatter per currency, with its number of decimals: making one costs more than formatting
 * with it (~0.1 ms a row).
 */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Minor units → "€1,250.00", with as many decimals as the currency has (¥ has none). */
export function formatMoney({ minor, currency }: Money): string {
  try {
    let money = moneyFormats.get(currency);
    if (!money) {
      const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
      money = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
      moneyFormats.set(currency, money);
    }
    const { format, digits } = money;
    return format.format(minor / 10 ** digits);
  } catch {
    // A code Intl does not know: say it as it came.
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** "2026-12-12" → "12 Dec 2026" (a calendar date: no time zone may move it). */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  // Not a date after all: say it as it came (the contract checks the shape, not the calendar).
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** The start of an id, enough to tell records apart on screen. */
export const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

export type Identified = {
  id: string;
  object_type?: string | null;
  object_id?: string | null;
  document: DocumentSummary | null;
};

/** "Invoice INV-2041", "Customer Müller GmbH"; before the document is read, "Bill <object id>". */
export function recordName({ id, object_type, object_id, document }: Identified): string {
  const fallback = `${labelOf('object_type', object_type)} ${object_id ?? id}`;
  if (!document) return fallback;
  const kind = KIND_LABELS[document.kind];
  switch (document.kind) {
    case 'customer':
    case 'vendor':
    case 'product':
      return `${kind} ${document.name}`;
    case 'payment':
      return `${kind} ${formatMoney(document.amount)}`;
    default:
      return document.number ? `${kind} ${document.number}` : `${kind} (draft, no number)`;
  }
}

/** What follows the name: counterpart, amount, dates; tax id or email; price; date and what it paid. */
export function documentDetails(document: DocumentSummary): string[] {
  switch (document.kind) {
    case 'customer':
    case 'vendor':
      return [document.tax_id && `Tax ID ${document.tax_id}`, document.email].filter((part): part is string =>
        Boolean(part),
      );
    case 'product':
      return document.price ? [formatMoney(document.price)] : [];
    case 'payment': {
      const paid =
        document.paid.number ?? `${labelOf('object_type', document.paid.type)} ${shortId(document.paid.id)}`;
      return [document.paid_on && `paid ${formatDay(document.paid_on)}`, `for ${paid}`].filter(
        (part): part is string => Boolean(part),
      );
    }
    default:
      return [
        document.counterpart_name,
        document.total && formatMoney(document.total),
        document.due_date
          ? `due ${formatDay(document.due_date)}`
          : document.issue_date && `issued ${formatDay(document.issue_date)}`,
      ].filter((part): part is string => Boolean(part));
  }
}
