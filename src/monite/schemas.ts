/**
 * The Monite contract we rely on (API version 2024-05-25): enums, the synced record,
 * list pages, tokens and error bodies. One source of truth for the BFF, the simulator and the SPA.
 */
import { z } from 'zod';

export const MONITE_VERSION = '2024-05-25';

export const OBJECT_TYPES = [
  'product',
  'customer',
  'vendor',
  'receivable',
  'bill',
  'payment_record',
] as const;
export const SYNC_STATUSES = ['pending', 'error', 'done'] as const;
export const PLATFORMS = ['xero', 'quickbooks', 'quickbooks_online', 'quickbooks_online_sandbox'] as const;
export const PROVIDERS = ['codat', 'railz'] as const;

export const objectTypeSchema = z.enum(OBJECT_TYPES);
export const syncStatusSchema = z.enum(SYNC_STATUSES);
export const platformSchema = z.enum(PLATFORMS);
export const providerSchema = z.enum(PROVIDERS);

export type ObjectType = z.infer<typeof objectTypeSchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type Platform = z.infer<typeof platformSchema>;
export type Provider = z.infer<typeof providerSchema>;

/**
 * A known enum value, or any other string: Monite has added enum values within one API
 * version before (API.md §6), so a record with a new platform must still parse and show.
 */
const openEnum = <const T extends readonly [string, ...string[]]>(_values: T) =>
  z.string() as unknown as z.ZodType<T[number] | (string & {})>;

/** Optional fields are not declared nullable, but Monite may send null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const syncRecordSchema = z.object({
  id: z.uuid(),
  created_at: z.string(),
  updated_at: z.string(),
  last_pulled_at: z.string(),
  object_type: openEnum(OBJECT_TYPES),
  sync_status: openEnum(SYNC_STATUSES),
  errors: optional(z.record(z.string(), z.unknown())),
  object_id: optional(z.string()),
  object_updated_at: optional(z.string()),
  platform: optional(openEnum(PLATFORMS)),
  platform_object_id: optional(z.string()),
  platform_updated_at: optional(z.string()),
  provider: optional(openEnum(PROVIDERS)),
  provider_object_id: optional(z.string()),
  provider_updated_at: optional(z.string()),
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

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
