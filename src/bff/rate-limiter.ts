/**
 * The one gate every upstream request passes, so the BFF stays under Monite's per-client limit
 * (about 30 requests/s, counted in one-second windows) instead of bursting into 429s:
 *
 * - a token bucket refilled at `perSecond`, holding only a few tokens (`burst`), so requests leave
 *   evenly spaced and an idle spell buys at most a small burst;
 * - a cap of `perSecond` requests in any window of a second plus a margin, so no burst can push a
 *   one-second window upstream over the limit, even when requests reach Monite a little unevenly;
 * - pauses: nobody sends before a time Monite asked for (429 Retry-After, RateLimit-Remaining 0);
 * - priorities: waiting interactive callers are always served before waiting bulk callers (the
 *   mirror refresher, bulk push jobs), and those before background ones (document summaries),
 *   each in arrival order.
 */
export const PRIORITIES = ['interactive', 'bulk', 'background'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** What the Monite client needs of a limiter: this in-memory one, or the shared one (shared-rate-limiter.ts). */
export interface Limiter {
  /** Resolves when this caller may send one request. */
  take(priority?: Priority): Promise<void>;
  /** Nobody sends before `until` (ms since epoch); an earlier pause never shortens a later one. */
  pauseUntil(until: number): void;
}

export type RateLimiterOptions = {
  /** Most requests sent back to back after an idle spell. Default: a tenth of the rate, 1 to 5. */
  burst?: number;
  /** Slack added to the one-second window, for uneven arrival upstream. Default 50 ms. */
  marginMs?: number;
  /** The clock (ms). Default Date.now. */
  now?: () => number;
};

/** Monite counts requests in windows of a second. */
export const WINDOW_MS = 1000;

export class RateLimiter implements Limiter {
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  /** Send times still inside the window, oldest first. */
  private readonly sent: number[] = [];
  private pausedUntil = 0;
  private readonly waiting: Record<Priority, (() => void)[]> = { interactive: [], bulk: [], background: [] };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;

  constructor(perSecond: number, options: RateLimiterOptions = {}) {
    if (!(perSecond > 0)) throw new Error(`rate limit must be > 0 requests/s, got ${perSecond}`);
    this.perWindow = Math.max(1, Math.floor(perSecond));
    this.windowMs = WINDOW_MS + (options.marginMs ?? 50);
    this.capacity = Math.max(1, options.burst ?? Math.min(5, Math.floor(perSecond / 10)));
    this.refillPerMs = perSecond / 1000;
    this.now = options.now ?? Date.now;
    this.tokens = this.capacity;
    this.refilledAt = this.now();
  }

  /** Resolves when this caller may send one request. */
  take(priority: Priority = 'interactive'): Promise<void> {
    return new Promise((resolve) => {
      this.waiting[priority].push(resolve);
      this.pump();
    });
  }

  /** Nobody sends before `until` (ms since epoch); an earlier pause never shortens a later one. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Callers waiting for a turn, per priority. */
  queued(): Record<Priority, number> {
    return {
      interactive: this.waiting.interactive.length,
      bulk: this.waiting.bulk.length,
      background: this.waiting.background.length,
    };
  }

  private pump(): void {
    for (;;) {
      const queue = PRIORITIES.map((p) => this.waiting[p]).find((q) => q.length > 0);
      if (!queue) return;
      const now = this.now();
      const readyAt = this.readyAt(now);
      if (readyAt > now) return this.wakeAt(readyAt, now);
      const next = queue.shift()!;
      this.tokens -= 1;
      this.sent.push(now);
      next();
    }
  }

  /** The earliest time the next request may leave. */
  private readyAt(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.refillPerMs);
    this.refilledAt = now;
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - this.windowMs) this.sent.shift();

    let at = Math.max(now, this.pausedUntil);
    if (this.tokens < 1) at = Math.max(at, now + (1 - this.tokens) / this.refillPerMs);
    // The window is full: wait until its oldest request drops out of it.
    const oldest = this.sent[this.sent.length - this.perWindow];
    if (oldest !== undefined) at = Math.max(at, oldest + this.windowMs);
    return Math.ceil(at);
  }

  /** One timer for the whole queue; the pump re-checks on waking, so an early or stale timer is harmless. */
  private wakeAt(at: number, now: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, at - now);
  }
}
