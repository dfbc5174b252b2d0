/**
 * Every error the BFF answers with has the shape `{"error": {"code", "message", "details"?}}`
 * (DESIGN.md). Upstream failures are mapped here: 429 keeps Retry-After; 5xx and unreachable → 502;
 * timeouts → 504; each with Monite's x-request-id when there is one.
 */
import type { FastifyError } from 'fastify';
import { ZodError, type z } from 'zod';
import type { ErrorResponse } from '../contract/api';
import { UpstreamError } from './monite-client';
import { PushFailedError } from './push/push-safely';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorResponse {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details !== undefined && { details: this.details }),
      },
    };
  }
}

/** A cursor this server did not issue (edited, truncated, or from another list): the records list's or the audit log's. */
export class BadCursorError extends Error {
  constructor() {
    super('The cursor is not one this server issued; start again from the first page.');
  }
}

/** Parses request input, or answers 400 naming each field at fault. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  try {
    return schema.parse(input);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const fields = error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message }));
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    throw new HttpError(400, 'bad_request', `Invalid ${what} — ${summary}`, fields);
  }
}

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof BadCursorError) return new HttpError(400, 'bad_request', error.message);
  if (error instanceof UpstreamError) return fromUpstream(error);
  if (error instanceof PushFailedError) return fromPushFailure(error);
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new HttpError(fastifyError.statusCode, 'bad_request', fastifyError.message ?? 'Bad request');
  }
  return new HttpError(500, 'internal_error', 'Something went wrong in Sync Desk; the error was logged.');
}

function fromPushFailure(error: PushFailedError): HttpError {
  if (error.code === 'already_pending') return new HttpError(409, 'already_pending', error.message);
  const upstream = error.upstream ? fromUpstream(error.upstream) : undefined;
  if (error.code === 'rate_limited' && upstream) return upstream;
  const details = {
    attempts: error.attempts,
    ...(error.requestId && { monite_request_id: error.requestId }),
  };
  return new HttpError(
    upstream?.status === 504 ? 504 : 502,
    error.code === 'rejected' ? 'upstream_error' : error.code,
    error.message,
    details,
  );
}

function fromUpstream(error: UpstreamError): HttpError {
  const details = error.requestId ? { monite_request_id: error.requestId } : undefined;
  const ref = error.requestId ? ` (Monite request ${error.requestId})` : '';
  if (error.kind === 'timeout') return new HttpError(504, 'upstream_timeout', `${error.message}.`, details);
  if (error.kind === 'network')
    return new HttpError(502, 'upstream_unreachable', `${error.message}.`, details);
  if (error.kind === 'invalid_response')
    return new HttpError(502, 'upstream_error', `${error.message}${ref}.`, details);
  switch (error.status) {
    case 429: {
      const wait = error.retryAfter ?? 1;
      return new HttpError(429, 'rate_limited', `Monite is rate-limiting us, retry in ${wait} s.`, details, {
        'retry-after': String(wait),
      });
    }
    case 404:
      return new HttpError(404, 'not_found', 'Monite has no such record for this entity.', details);
    default:
      return new HttpError(
        502,
        'upstream_error',
        `Monite answered ${error.status ?? 'an error'}: ${error.message}${ref}`,
        details,
      );
  }
}
