/**
 * The wait before retry number `failures` (1, 2, …) after a failure: `baseMs`, doubled each time,
 * ±20 % so callers that failed together do not all come back together.
 */
export function backoff(baseMs: number, failures: number): number {
  return Math.round(baseMs * 2 ** (failures - 1) * (0.8 + Math.random() * 0.4));
}
