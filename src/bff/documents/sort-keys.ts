/**
 * The Record column's sort keys, copied from a document summary onto its record's row so the
 * list sorts on an index of the row alone (no join at read time). Text is compared without case;
 * an amount in major units, so ¥1,000 does not pass €20 (currencies are not converted). null:
 * the document has no such value; such records sort last.
 */
import { majorUnits, type DocumentSummary, type Money } from '../../contract/documents';
import type { MirrorRecordTable } from '../db/schema';

export type DocumentSortKeys = Pick<
  MirrorRecordTable,
  'sort_number' | 'sort_counterpart' | 'sort_amount' | 'sort_due_date'
>;

export const NO_SORT_KEYS: DocumentSortKeys = {
  sort_number: null,
  sort_counterpart: null,
  sort_amount: null,
  sort_due_date: null,
};

const text = (value: string | null) => (value === null || value === '' ? null : value.toLowerCase());
const amount = (money: Money | null) => (money ? Number(majorUnits(money)) : null);

/** What the record is named by (number, or a party's or product's name), its counterpart, amount and due date. */
export function sortKeysOf(summary: DocumentSummary | null): DocumentSortKeys {
  switch (summary?.kind) {
    case undefined:
      return NO_SORT_KEYS;
    case 'invoice':
    case 'quote':
    case 'credit_note':
    case 'bill':
      return {
        sort_number: text(summary.number),
        sort_counterpart: text(summary.counterpart_name),
        sort_amount: amount(summary.total),
        sort_due_date: summary.due_date,
      };
    case 'customer':
    case 'vendor':
      return { ...NO_SORT_KEYS, sort_number: text(summary.name), sort_counterpart: text(summary.name) };
    case 'product':
      return { ...NO_SORT_KEYS, sort_number: text(summary.name), sort_amount: amount(summary.price) };
    case 'payment':
      return { ...NO_SORT_KEYS, sort_number: text(summary.paid.number), sort_amount: amount(summary.amount) };
  }
}
