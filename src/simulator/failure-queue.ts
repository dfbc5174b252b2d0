/**
 * Injected faults that apply to the next N requests (optionally only those whose path matches):
 * an error answer, a lost answer, a late answer. Rules are consumed in the order they were added.
 */
export class PathQueue<T> {
  private readonly rules: { remaining: number; value: T; pathIncludes?: string }[] = [];

  add(count: number, value: T, pathIncludes?: string): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be ≥ 1, got ${count}`);
    this.rules.push({ remaining: count, value, pathIncludes });
  }

  /** The value for this request, consuming one from the first matching rule. */
  take(path: string): T | undefined {
    const rule = this.rules.find((r) => r.pathIncludes === undefined || path.includes(r.pathIncludes));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule.value;
  }
}

/** How an injected failure answers: a 5xx, the gateway's 429 with Retry-After, or a 4xx with Monite's words. */
export type InjectedFailure = { status: number; retryAfterSeconds?: number; message?: string };

/** Injected failures that answer before the request is processed: Monite does nothing. */
export class FailureQueue extends PathQueue<InjectedFailure> {
  /** The next `count` matching requests fail with `status` (5xx). */
  fail(count: number, status: number, pathIncludes?: string): void {
    assertServerError('failNext', status);
    this.add(count, { status }, pathIncludes);
  }

  /** The next `count` matching requests are refused with `status` (4xx other than 429) and `message`. */
  refuse(count: number, status: number, message: string, pathIncludes?: string): void {
    if (!Number.isInteger(status) || status < 400 || status > 499 || status === 429) {
      throw new Error(`refuseNext status must be a 4xx other than 429, got ${status}`);
    }
    this.add(count, { status, message }, pathIncludes);
  }

  /** The next `count` matching requests get the gateway's 429 with this Retry-After. */
  throttle(count: number, retryAfterSeconds: number, pathIncludes?: string): void {
    if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
      throw new Error(`throttleNext retryAfterSeconds must be an integer ≥ 0, got ${retryAfterSeconds}`);
    }
    this.add(count, { status: 429, retryAfterSeconds }, pathIncludes);
  }
}

export function assertServerError(fault: string, status: number): void {
  if (!Number.isInteger(status) || status < 500 || status > 599) {
    throw new Error(`${fault} status must be 5xx, got ${status}`);
  }
}
