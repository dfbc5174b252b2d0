/**
 * Spaces upstream requests evenly at a steady rate, so the BFF stays under Monite's per-client
 * limit (about 30 requests/s) instead of bursting into 429s. Shared by all upstream traffic.
 */
export class RateLimiter {
  private nextSlot = 0;
  private readonly intervalMs: number;

  constructor(perSecond: number) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when this caller may send. */
  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  /** Monite asked us to wait (429 with Retry-After): nobody sends before `until`. */
  pauseUntil(until: number): void {
    this.nextSlot = Math.max(this.nextSlot, until);
  }
}
