/**
 * The Monite contract the browser may see too (API version 2024-05-25): enums, the synced record
 * and its list page. One source of truth for the BFF, the simulator and the SPA. What only servers
 * use (tokens, entities, error bodies) lives in server-schemas.server.ts, out of the SPA's bundle.
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
