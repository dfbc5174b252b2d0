/** The audit log as the BFF serves it: `GET /api/audit` (JSON) and `GET /api/audit.csv`. */
import { z } from 'zod';
import { documentSummarySchema } from './documents';
import { markKindSchema } from './handled';

/**
 * `grant_entity`, `revoke_entity`, `set_role`, `disable_account`: an admin changed a staff account
 * (`subject`; the entity in `entity_id`, `*` for every entity; the role given in `role`).
 * `mark`, `unmark`: a person marked a failure handled or took the mark away; `mark_lapsed`: Monite's record changed after. */
export const AUDIT_ACTIONS = [
  'push',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'mark',
  'unmark',
  'mark_lapsed',
  'grant_entity',
  'revoke_entity',
  'set_role',
  'disable_account',
] as const;
/** `unknown`: the push was sent but the BFF stopped before it could record Monite's answer. */
export const AUDIT_OUTCOMES = ['ok', 'failed', 'unknown'] as const;

export const auditQuerySchema = z.strictObject({
  user: z.string().trim().max(254).optional(),
  record: z.uuid().optional(),
  /** One bulk job's pushes. */
  job: z.uuid().optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity_id: z.string().nullable(),
  record_id: z.string().nullable(),
  object_type: z.string().nullable(),
  object_id: z.string().nullable(),
  /** What the record is (an invoice's number, a customer's name), as the records list names it; null until read. */
  document: documentSummarySchema.nullable(),
  provider: z.string().nullable(),
  platform: z.string().nullable(),
  status_before: z.string().nullable(),
  status_after: z.string().nullable(),
  errors: z.record(z.string(), z.unknown()).nullable(),
  monite_request_id: z.string().nullable(),
  duration_ms: z.number().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** Why it failed, in words (e.g. "Monite is rate-limiting us"), when it did; for a mark, why it was set. */
  reason: z.string().nullable(),
  /** For `mark`, `unmark` and `mark_lapsed`: the mark's kind (contract/handled.ts). */
  mark_kind: markKindSchema.nullable(),
  /** For staff changes: the account changed, and the role it was given. */
  subject: z.string().nullable(),
  role: z.string().nullable(),
  /** The bulk job a push belongs to. */
  job_id: z.string().nullable(),
  /**
   * Where the pushed record ended once the provider finished (`done` or `error`), its time and the
   * provider's message; null while Monite still has it pending, and for anything but a push.
   */
  settled_status: z.enum(['done', 'error']).nullable(),
  settled_at: z.string().nullable(),
  settled_error: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A push Monite accepted whose record Sync Desk has not yet seen the provider finish with. */
export const awaitsSettle = (entry: AuditEntry) =>
  entry.action === 'push' &&
  entry.outcome === 'ok' &&
  entry.status_after === 'pending' &&
  entry.settled_status === null;

export const auditPageSchema = z.object({
  data: z.array(auditEntrySchema),
  next_cursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
