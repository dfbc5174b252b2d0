/** Injected 5xx answers: the next N requests (optionally only those whose path matches) fail. */
export class FailureQueue {
  private readonly rules: { remaining: number; status: number; pathIncludes?: string }[] = [];

  add(count: number, status: number, pathIncludes?: string): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`failNext count must be ≥ 1, got ${count}`);
    if (status < 500 || status > 599) throw new Error(`failNext status must be 5xx, got ${status}`);
    this.rules.push({ remaining: count, status, pathIncludes });
  }

  /** The status this request must fail with, consuming one from the first matching rule. */
  take(path: string): number | undefined {
    const rule = this.rules.find((r) => r.pathIncludes === undefined || path.includes(r.pathIncludes));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule.status;
  }
}
