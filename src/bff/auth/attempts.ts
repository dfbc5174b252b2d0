/**
 * Failed sign-ins per account: after `max` failures within `windowMs` the account is locked
 * until the oldest failure leaves the window. (Per-IP limits are @fastify/rate-limit's job.)
 */
const MAX_TRACKED = 10_000;

export class FailedAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds until this account may try again, or 0. */
  lockedFor(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length < this.max ? 0 : Math.ceil((recent[0]! + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    // Bounded memory against a spray of made-up emails: forget the longest-known account first.
    if (!this.failures.has(key) && this.failures.size >= MAX_TRACKED) {
      this.failures.delete(this.failures.keys().next().value!);
    }
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
