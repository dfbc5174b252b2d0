/**
 * The BFF's HTTP interface: zod schemas the BFF validates with, documents (GET /api/openapi.json)
 * and serializes by, and the SPA types from.
 */
import { z } from 'zod';
import {
  OBJECT_TYPES,
  PLATFORMS,
  PROVIDERS,
  SYNC_STATUSES,
  syncRecordSchema,
  type SyncRecord,
} from '../monite/schemas';
import { documentSummarySchema } from './documents';
import { ERROR_CLASSES } from './error-class';
import { handledMarkSchema, handledViewSchema, MARK_KINDS } from './handled';
import { DEFAULT_SORT, SORTS, type FacetKey } from './list-params';

export {
  DEFAULT_SORT,
  FACET_KEYS,
  SORT_KEYS,
  SORTS,
  sortParts,
  type FacetKey,
  type Sort,
  type SortKey,
} from './list-params';

/** A comma-separated list of enum values in a query string, e.g. `provider=codat,railz`. */
const csvOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .describe(`Comma-separated, any of: ${values.join(', ')}`)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(values)));

/**
 * Error groups (contract/error-groups.ts) are an open set: a catalogue key, or the provider's
 * message with its details taken out, which never holds a comma.
 */
const errorGroupSchema = z.string().min(1).max(200);
const groupCsv = z
  .string()
  .describe('Comma-separated error group keys (see the error_group facet)')
  .optional()
  .transform((s) => (s ? s.split(',').filter(Boolean) : []))
  .pipe(z.array(errorGroupSchema).max(50));

/** At most this many ids in one list request (`ids=`), so its URL stays well under header limits. */
export const MAX_LISTED_IDS = 200;
const idCsv = z
  .string()
  .describe(`Comma-separated record ids, at most ${MAX_LISTED_IDS}: only these records`)
  .optional()
  .transform((s) => (s ? s.split(',').filter(Boolean) : []))
  .pipe(z.array(z.uuid()).max(MAX_LISTED_IDS));

export const recordsQuerySchema = z.strictObject({
  sync_status: csvOf(SYNC_STATUSES),
  provider: csvOf(PROVIDERS),
  platform: csvOf(PLATFORMS),
  object_type: csvOf(OBJECT_TYPES),
  error_group: groupCsv,
  q: z.string().trim().max(100).optional(),
  /** Only these records (e.g. the ones a person selected), under the other filters too. */
  ids: idCsv,
  /** `exclude` (default): the work queue, without records marked handled; `only`: the Handled view. */
  handled: handledViewSchema.default('exclude'),
  sort: z.enum(SORTS).default(DEFAULT_SORT),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RecordsQuery = z.infer<typeof recordsQuerySchema>;

/** The CSV export takes the list's filters, search and sort, and answers every matching record. */
export const recordsExportQuerySchema = recordsQuerySchema.omit({ cursor: true, limit: true });

/** The list's filters as JSON (arrays rather than comma lists), e.g. in a bulk push job. */
export const recordsFilterSchema = z.strictObject({
  sync_status: z.array(z.enum(SYNC_STATUSES)).default([]),
  provider: z.array(z.enum(PROVIDERS)).default([]),
  platform: z.array(z.enum(PLATFORMS)).default([]),
  object_type: z.array(z.enum(OBJECT_TYPES)).default([]),
  error_group: z.array(errorGroupSchema).max(50).default([]),
  q: z.string().trim().max(100).optional(),
  handled: handledViewSchema.default('exclude'),
});
/** What a caller writes: lists as arrays, everything optional. */
export type RecordsFilter = Partial<Pick<RecordsQuery, FacetKey | 'q' | 'ids' | 'sort' | 'handled'>>;

export const MIRROR_STATES = ['empty', 'scanning', 'ready', 'error'] as const;
export const mirrorStatusSchema = z.object({
  state: z.enum(MIRROR_STATES),
  /** When the mirror last finished a refresh against Monite (ISO time), null before the first. */
  refreshed_at: z.string().nullable(),
  /** The reason the last refresh failed, when it did. */
  error: z.string().nullable(),
});
export type MirrorStatus = z.infer<typeof mirrorStatusSchema>;

export const facetsSchema = z.object({
  sync_status: z.record(z.string(), z.number()),
  provider: z.record(z.string(), z.number()),
  platform: z.record(z.string(), z.number()),
  object_type: z.record(z.string(), z.number()),
  /** Failed records by error group: only groups that have any. */
  error_group: z.record(z.string(), z.number()),
});
export type Facets = z.infer<typeof facetsSchema>;

export const errorClassSchema = z.enum(ERROR_CLASSES);

/** How an error group reads: its label, whether a retry can help, and what to fix where. */
export const errorGroupInfoSchema = z.object({ label: z.string(), class: errorClassSchema, fix: z.string() });
export type ErrorGroupInfo = z.infer<typeof errorGroupInfoSchema>;

/** A failed record's error group (contract/error-groups.ts), e.g. `xero.tax_type_mandatory`. */
export const errorClassificationSchema = errorGroupInfoSchema.extend({ group: z.string() });
export type ErrorClassification = z.infer<typeof errorClassificationSchema>;

/** A record as the dashboard shows it: Monite's record, and what Sync Desk knows about it. */
export const listedRecordSchema = syncRecordSchema.extend({
  /** Why it failed and whether a retry can help; null unless it failed. */
  classification: errorClassificationSchema.nullable(),
  /** The document behind it as people name it; null until the BFF has read it (or Monite has none). */
  document: documentSummarySchema.nullable(),
  /** A bookkeeper's mark (contract/handled.ts); null when unmarked or when the mark lapsed. */
  handled: handledMarkSchema.nullable(),
});
export type ListedRecord = z.infer<typeof listedRecordSchema>;

export const recordsPageSchema = z.object({
  data: z.array(listedRecordSchema),
  next_cursor: z.string().nullable(),
  total: z.number(),
  facets: facetsSchema,
  /** How each group in `facets.error_group` reads. */
  error_groups: z.record(z.string(), errorGroupInfoSchema),
  /** Records marked handled under the other filters, by kind: the Handled view's count. */
  handled: z.record(z.enum(MARK_KINDS), z.number()),
  mirror: mirrorStatusSchema,
});
export type RecordsPage = z.infer<typeof recordsPageSchema>;

export const entitySummarySchema = z.object({ id: z.uuid(), name: z.string() });
export const entitiesResponseSchema = z.object({ data: z.array(entitySummarySchema) });
export type EntitySummary = z.infer<typeof entitySummarySchema>;

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export type { SyncRecord };
