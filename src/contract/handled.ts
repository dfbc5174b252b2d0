/**
 * Marks a bookkeeper puts on a failure: `resolved` (fixed outside Sync Desk, e.g. entered by
 * hand in Xero) or `do_not_send` (must not be pushed). A marked record leaves the Failed view
 * for the Handled view; the mark lapses when Monite's record changes again.
 */
import { z } from 'zod';

export const MARK_KINDS = ['resolved', 'do_not_send'] as const;
export const markKindSchema = z.enum(MARK_KINDS);
export type MarkKind = z.infer<typeof markKindSchema>;

export const MARK_REASON_MAX = 500;

/** `POST …/records/:recordId/mark` */
export const markInputSchema = z.strictObject({
  kind: markKindSchema,
  reason: z.string().trim().min(1, 'Say why the record is handled.').max(MARK_REASON_MAX),
});
export type MarkInput = z.infer<typeof markInputSchema>;

/** A record's mark: what, why, who and when. */
export const handledMarkSchema = z.object({
  kind: markKindSchema,
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type HandledMark = z.infer<typeof handledMarkSchema>;

/** Which records a list shows: unhandled ones (the work queue, default) or only handled ones. */
export const HANDLED_VIEWS = ['exclude', 'only'] as const;
export const handledViewSchema = z.enum(HANDLED_VIEWS);
export type HandledView = z.infer<typeof handledViewSchema>;

export const MARK_LABELS: Record<MarkKind, string> = {
  resolved: 'Resolved outside Sync Desk',
  do_not_send: 'Do not send',
};
