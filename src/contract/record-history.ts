/**
 * A record's push history, from the audit log (`GET /api/entities/:entityId/records/:recordId/history`):
 * each push, Monite's answer and, once the provider finished, where the record settled.
 */
import { z } from 'zod';
import { AUDIT_OUTCOMES } from './audit';

export const HISTORY_ACTIONS = ['push', 'push_result', 'push_settled'] as const;

export const historyQuerySchema = z.strictObject({
  cursor: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  /** The push this entry answers or settles (its `id`); null for a push itself. */
  push_id: z.string().nullable(),
  at: z.string(),
  /**
   * Who pushed; null when it was someone else and the reader's role may not see other people's
   * audit entries (admins see everyone).
   */
  actor: z.string().nullable(),
  action: z.enum(HISTORY_ACTIONS),
  /**
   * `push`: null (started). `push_result`: whether Monite accepted the push (`unknown`: Sync Desk
   * stopped before it heard). `push_settled`: `ok` when the provider synced it, `failed` when not.
   */
  outcome: z.enum(AUDIT_OUTCOMES).nullable(),
  /** The record's sync status then: before the push, after Monite's answer, or where it settled. */
  status: z.string().nullable(),
  /** Why it failed then, in words: the push's failure or the provider's message. */
  error: z.string().nullable(),
  /** The bulk job the push belonged to. */
  job_id: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  /** Newest first. */
  data: z.array(historyEntrySchema),
  next_cursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;
