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
