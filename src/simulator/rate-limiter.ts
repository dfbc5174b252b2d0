/**
 * Per-client request quota in fixed one-second windows, like Monite's gateway (API.md §8): within
 * quota a response carries the RateLimit headers, over it the request gets 429 + Retry-After.
 */

/** Monite's documented default; advertised in the headers when no limit is enforced. */
const DEFAULT_PER_SECOND = 30;

export type RateDecision =
  { ok: true; headers: Record<string, string> } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** `enforced` 0 means unlimited: requests are still counted so the headers stay meaningful. */
  hit(client: string, enforced: number, now: number): RateDecision {
    const start = now - (now % 1000);
    let w = this.windows.get(client);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(client, w);
    }
    const resetSeconds = Math.max(1, Math.ceil((start + 1000 - now) / 1000));
    if (enforced > 0 && w.count >= enforced) return { ok: false, retryAfterSeconds: resetSeconds };
    w.count += 1;
    const limit = enforced > 0 ? enforced : DEFAULT_PER_SECOND;
    const remaining = String(Math.max(0, limit - w.count));
    return {
      ok: true,
      headers: {
        'RateLimit-Limit': String(limit),
        'RateLimit-Remaining': remaining,
        'RateLimit-Reset': String(resetSeconds),
        'X-RateLimit-Limit-Second': String(limit),
        'X-RateLimit-Remaining-Second': remaining,
      },
    };
  }
}
