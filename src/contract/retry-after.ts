/**
 * The one reader of an HTTP `Retry-After` header, for the BFF (Monite's 429s) and the SPA (the
 * BFF's 429s): delta-seconds or an HTTP date, as whole seconds from `now` (never negative).
 * Undefined when the header is missing or unreadable; each caller picks its own default.
 */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds < 0 ? undefined : Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
