import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { retryDelay, shouldRetry } from './query-client';

describe('query retry policy', () => {
  it("waits out a 429's Retry-After before retrying", () => {
    expect(retryDelay(1, new ApiError(429, 'rate_limited', 'Too many requests', 3))).toBe(3000);
  });

  it('retries upstream hiccups a few times, never requests that cannot succeed', () => {
    expect(shouldRetry(0, new ApiError(504, 'upstream_timeout', 'Timed out'))).toBe(true);
    expect(shouldRetry(3, new ApiError(502, 'upstream_error', 'Bad gateway'))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, 'not_found', 'No such record'))).toBe(false);
  });

  it('never retries a request the session or the role refused', () => {
    expect(shouldRetry(0, new ApiError(401, 'unauthenticated', 'Sign in'))).toBe(false);
    expect(shouldRetry(0, new ApiError(403, 'forbidden', "Viewers can't push records"))).toBe(false);
  });
});
