/**
 * Pagination tokens are opaque to clients: base64url JSON holding the original query (everything
 * but `limit`, per API.md §4) and the cursor, loosely modelled on the token Monite's spec shows
 * (`pagination_filters`, `pagination_token_type`, `cursor_field`, `current_oid`).
 */
import { z } from 'zod';

export function encodeToken(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The payload, or undefined when the token is not one we issued (or was tampered with). */
export function decodeToken<T>(token: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
