/** `GET /healthz` (the process answers) and `GET /readyz` (so do the database and Monite's token endpoint). */
import { z } from 'zod';

export const livenessSchema = z.object({ ok: z.literal(true) });

const checkSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Check = z.infer<typeof checkSchema>;

/** 200 when every check passes, 503 otherwise. */
export const readinessSchema = z.object({
  ok: z.boolean(),
  checks: z.object({ database: checkSchema, monite: checkSchema }),
});
