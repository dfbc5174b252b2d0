/**
 * What a synced record *is*, as finance staff name it: the Monite document behind its `object_id`
 * (invoice INV-2041 to Müller GmbH, €1,250.00, due 12 Dec), summarised by the BFF.
 */
import { z } from 'zod';

/** An amount in the currency's minor units (1250.00 EUR is `{ minor: 125000, currency: 'EUR' }`). */
export const moneySchema = z.object({ minor: z.number().int(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

/** The currency's minor digits (JPY 0, EUR 2); 2 for a code Intl does not know. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** The amount in major units with the currency's digits, e.g. `1250.00` (EUR), `1250` (JPY). */
export function majorUnits({ minor, currency }: Money): string {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** `YYYY-MM-DD`. */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DOCUMENT_KINDS = ['invoice', 'quote', 'credit_note', 'bill'] as const;
export const PARTY_KINDS = ['customer', 'vendor'] as const;

export const documentSummarySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(DOCUMENT_KINDS),
    /** The number printed on the document (Monite's `document_id`); null while a draft has none. */
    number: z.string().nullable(),
    counterpart_name: z.string().nullable(),
    total: moneySchema.nullable(),
    issue_date: date.nullable(),
    due_date: date.nullable(),
    /** Monite's status of the document (draft, issued, paid…; a bill's new, waiting_to_be_paid…). */
    status: z.string(),
  }),
  z.object({
    kind: z.enum(PARTY_KINDS),
    name: z.string(),
    tax_id: z.string().nullable(),
    email: z.string().nullable(),
  }),
  z.object({ kind: z.literal('product'), name: z.string(), price: moneySchema.nullable() }),
  z.object({
    kind: z.literal('payment'),
    amount: moneySchema,
    paid_on: date.nullable(),
    /** The receivable or payable paid; `number` when the BFF has read that document too. */
    paid: z.object({ type: z.string(), id: z.string(), number: z.string().nullable() }),
  }),
]);
export type DocumentSummary = z.infer<typeof documentSummarySchema>;
