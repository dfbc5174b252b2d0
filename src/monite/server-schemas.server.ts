/**
 * The Monite contract only servers use (the BFF and the simulator): the token grant, which carries
 * the client secret, the entity list and Monite's error bodies. The `.server` name keeps it out of
 * the SPA (lint rule in .oxlintrc.json).
 */
import { z } from 'zod';
import { syncRecordSchema } from './schemas';

/** A page of `GET /v1/accounting_synced_records`. */
export const syncRecordListSchema = z.object({
  data: z.array(syncRecordSchema),
  next_pagination_token: z.string().nullish(),
  prev_pagination_token: z.string().nullish(),
});
export type SyncRecordList = z.infer<typeof syncRecordListSchema>;

export const tokenRequestSchema = z.strictObject({
  grant_type: z.enum(['client_credentials', 'entity_user']),
  client_id: z.string(),
  client_secret: z.string(),
  entity_user_id: z.uuid().nullish(),
});

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  expires_in: z.number().int(),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** `GET /v1/entities`: only the fields Sync Desk reads (id, type, names). */
export const entitySchema = z.object({
  id: z.uuid(),
  type: z.string(),
  status: z.string().optional(),
  organization: z.object({ legal_name: z.string() }).nullish(),
  individual: z.object({ first_name: z.string(), last_name: z.string() }).nullish(),
});
export type MoniteEntity = z.infer<typeof entitySchema>;

export const entityListSchema = z.object({
  data: z.array(entitySchema),
  next_pagination_token: z.string().nullish(),
});

/** The three error shapes Monite answers with (API.md §7). */
export const errorBodySchema = z.union([
  z.object({ error: z.looseObject({ message: z.string() }) }),
  z.object({ detail: z.array(z.object({ msg: z.string() })) }),
  z.object({ message: z.string() }),
]);

/** The human-readable message from any Monite error body, if it has one. */
export function errorMessageOf(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const b = parsed.data;
  if ('error' in b) return b.error.message;
  if ('detail' in b) return b.detail.map((d) => d.msg).join('; ');
  return b.message;
}

export function entityDisplayName(entity: MoniteEntity): string {
  if (entity.organization) return entity.organization.legal_name;
  if (entity.individual) return `${entity.individual.first_name} ${entity.individual.last_name}`;
  return entity.id;
}

/*
 * The documents behind synced records (`object_id`), with only the fields a summary shows.
 * Objects stay loose (Monite adds fields within a version); optional fields are nullish because
 * Monite sends null where the published schema only says "not required".
 */
const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();
const pageOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), next_pagination_token: z.string().nullish() });

/** ReceivableResponse: an invoice, quote or credit note, told apart by `type`. */
export const receivableSchema = z.looseObject({
  id: z.uuid(),
  type: z.string(),
  document_id: nullish(z.string()),
  counterpart_id: z.string(),
  counterpart_name: nullish(z.string()),
  currency: z.string(),
  total_amount: nullish(z.number().int()),
  issue_date: nullish(z.string()),
  due_date: nullish(z.string()),
  status: z.string(),
});
export type MoniteReceivable = z.infer<typeof receivableSchema>;
export const receivablePageSchema = pageOf(receivableSchema);

/** PayableResponseSchema (a bill); `counterpart_raw_data` is what OCR read when no counterpart is linked. */
export const payableSchema = z.looseObject({
  id: z.uuid(),
  document_id: nullish(z.string()),
  counterpart_id: nullish(z.string()),
  counterpart_raw_data: nullish(z.looseObject({ name: nullish(z.string()) })),
  currency: nullish(z.string()),
  total_amount: nullish(z.number().int()),
  issued_at: nullish(z.string()),
  due_date: nullish(z.string()),
  status: z.string(),
});
export type MonitePayable = z.infer<typeof payableSchema>;
export const payablePageSchema = pageOf(payableSchema);

/** CounterpartResponse: an organization or an individual. */
export const counterpartSchema = z.looseObject({
  id: z.uuid(),
  type: z.string(),
  tax_id: nullish(z.string()),
  organization: nullish(z.looseObject({ legal_name: z.string(), email: nullish(z.string()) })),
  individual: nullish(
    z.looseObject({ first_name: z.string(), last_name: z.string(), email: nullish(z.string()) }),
  ),
});
export type MoniteCounterpart = z.infer<typeof counterpartSchema>;
export const counterpartPageSchema = pageOf(counterpartSchema);

/** ProductServiceResponse. */
export const productSchema = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  price: nullish(z.looseObject({ currency: z.string(), value: z.number().int() })),
});
export type MoniteProduct = z.infer<typeof productSchema>;
export const productPageSchema = pageOf(productSchema);

/** PaymentRecordResponse; `object` is the receivable or payable it paid. */
export const paymentRecordSchema = z.looseObject({
  id: z.uuid(),
  amount: z.number().int(),
  currency: z.string(),
  paid_at: nullish(z.string()),
  object: z.looseObject({ id: z.string(), type: z.string() }),
});
export type MonitePaymentRecord = z.infer<typeof paymentRecordSchema>;
export const paymentRecordPageSchema = pageOf(paymentRecordSchema);
