/**
 * What search matches for a document: its number, names, tax id, email, and amounts the ways
 * people type them ("1250", "1250.00", "1,250.00", "1.250,00"), plus its Monite id.
 */
import { majorUnits, minorDigits, type DocumentSummary, type Money } from '../../contract/documents';

function amountTexts({ minor, currency }: Money): string[] {
  const digits = minorDigits(currency);
  const value = minor / 10 ** digits;
  const plain = majorUnits({ minor, currency });
  const format = (locale: string) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      value,
    );
  return [...new Set([plain, format('en'), format('de'), currency])];
}

export function searchTextOf(summary: DocumentSummary, objectId: string): string {
  const parts: (string | null | undefined)[] = [objectId];
  switch (summary.kind) {
    case 'invoice':
    case 'quote':
    case 'credit_note':
    case 'bill':
      parts.push(
        summary.number,
        summary.counterpart_name,
        ...(summary.total ? amountTexts(summary.total) : []),
      );
      break;
    case 'customer':
    case 'vendor':
      parts.push(summary.name, summary.tax_id, summary.email);
      break;
    case 'product':
      parts.push(summary.name, ...(summary.price ? amountTexts(summary.price) : []));
      break;
    case 'payment':
      parts.push(summary.paid.number, ...amountTexts(summary.amount));
      break;
  }
  return parts.filter(Boolean).join(' ');
}
