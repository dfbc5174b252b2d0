import { describe, expect, it } from 'vitest';
import { toHttpError } from './http-errors';
import { UpstreamError } from './monite-client';

describe('toHttpError', () => {
  it("passes Monite's 429 on with its Retry-After and says when to retry", () => {
    const error = toHttpError(
      new UpstreamError('rate limited', 'http', { status: 429, requestId: 'req-1', retryAfter: 3 }),
    );
    expect(error.status).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '3' });
    expect(error.body().error).toMatchObject({
      code: 'rate_limited',
      message: 'Monite is rate-limiting us, retry in 3 s.',
      details: { monite_request_id: 'req-1' },
    });
  });

  it('answers 504 for a timeout and 502 when Monite cannot be reached', () => {
    expect(toHttpError(new UpstreamError('Monite did not answer within 15 s', 'timeout')).status).toBe(504);
    expect(toHttpError(new UpstreamError('Monite could not be reached', 'network')).status).toBe(502);
  });

  it('hides internal errors behind a generic message', () => {
    const error = toHttpError(new Error('SQLITE_BUSY: database is locked at /srv/data'));
    expect(error.status).toBe(500);
    expect(error.message).not.toContain('SQLITE');
  });
});
