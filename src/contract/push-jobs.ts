/** Bulk push jobs: `POST/GET /api/entities/:entityId/push-jobs[/:jobId]`, `DELETE` to cancel. */
import { z } from 'zod';
import { errorClassSchema, recordsFilterSchema } from './api';
import { documentSummarySchema } from './documents';

/** At most this many records in one job (a guard against pushing a whole entity by accident). */
export const MAX_JOB_RECORDS = 5000;

/** Either explicit record ids (a selection) or the records page's filters ("all N matching"). */
export const createPushJobSchema = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(MAX_JOB_RECORDS) }),
  z.strictObject({ filter: recordsFilterSchema }),
]);
export type CreatePushJob = z.input<typeof createPushJobSchema>;

export const JOB_STATES = ['running', 'cancelling', 'cancelled', 'finished'] as const;
/**
 * queued → pushing → pending (Monite accepted it) → done | failed;
 * or skipped (already pending, or being pushed elsewhere) / cancelled before it was sent.
 */
export const ITEM_STATES = [
  'queued',
  'pushing',
  'pending',
  'done',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const pushJobSchema = z.object({
  id: z.uuid(),
  entity_id: z.uuid(),
  created_by: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  state: z.enum(JOB_STATES),
  total: z.number(),
  counts: z.record(z.enum(ITEM_STATES), z.number()),
  /** Push requests per second over the last few seconds. */
  rate_per_second: z.number(),
  /** Seconds until every queued record is sent, at the current rate; null when unknown or none left. */
  eta_seconds: z.number().nullable(),
  /** The records that failed or were skipped, with the reason (the provider's first error for failures). */
  problems: z.array(
    z.object({
      record_id: z.uuid(),
      state: z.enum(['failed', 'skipped']),
      reason: z.string(),
      /** For a failure: whether pushing it again may help (`retry`) or its cause needs fixing first. */
      class: errorClassSchema.nullable(),
      /** For a failure that pushing again will not mend: what to fix, and where. */
      fix: z.string().nullable(),
      /** What the record is, as the records list names it (null if the mirror no longer has it). */
      object_type: z.string().nullable(),
      object_id: z.string().nullable(),
      document: documentSummarySchema.nullable(),
    }),
  ),
});
export type PushJob = z.infer<typeof pushJobSchema>;

/** A 409 `job_running`'s `details`: the entity's running job, which the asker can follow instead. */
export const jobRunningDetailsSchema = z.object({ job_id: z.uuid() });
export type JobRunningDetails = z.infer<typeof jobRunningDetailsSchema>;

export const pushJobListSchema = z.object({ data: z.array(pushJobSchema) });
