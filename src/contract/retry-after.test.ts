import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './retry-after';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');

  it('reads delta-seconds, rounding a fraction up', () => {
    expect(retryAfterSeconds('3', now)).toBe(3);
    expect(retryAfterSeconds('0', now)).toBe(0);
    expect(retryAfterSeconds('1.2', now)).toBe(2);
  });

  it('reads an HTTP date as the seconds until then, a past date as 0', () => {
    expect(retryAfterSeconds('Mon, 05 Jan 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Mon, 05 Jan 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('has no answer for a missing, negative or unreadable header', () => {
    for (const header of [null, '', ' ', '-5', 'soon'])
      expect(retryAfterSeconds(header, now)).toBeUndefined();
  });
});
