/**
 * Every error the BFF answers with has the shape `{"error": {"code", "message", "details"?}}`
 * (see /api/openapi.json): its own, Fastify's (FRAMEWORK_ERRORS) and Monite's (UPSTREAM_ERRORS, the one table
 * of how each Monite failure is answered), each with Monite's x-request-id when there is one.
 */
import type { FastifyError, FastifySchemaValidationError } from 'fastify';
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

/**
 * An entity this deployment does not serve, or one the user has no grant for: the same answer,
 * so it gives no hint that an entity exists.
 */
export const notServed = (entityId: string): HttpError =>
  new HttpError(404, 'not_found', `Sync Desk does not serve entity ${entityId}.`);

/** A cursor this server did not issue (edited, truncated, or from another list): the records list's or the audit log's. */
export class BadCursorError extends Error {
  constructor(message = 'The cursor is not one this server issued; start again from the first page.') {
    super(message);
  }
}

/** What a request part is called in messages; a route names its body (e.g. "sign-in"). */
const PART_NAMES: Record<string, string> = { params: 'path', querystring: 'query' };

/**
 * The schemaErrorFormatter for request input that fails its route's schema: 400 naming each
 * field at fault, e.g. "Invalid query — limit: Too small: expected number to be >=1".
 */
export const invalidInput =
  (body = 'body') =>
  (errors: FastifySchemaValidationError[], part: string): HttpError => {
    const what = part === 'body' ? body : (PART_NAMES[part] ?? part);
    const fields = errors.map((e) => ({
      field: e.instancePath.slice(1).replaceAll('/', '.') || what,
      message: e.message ?? 'Invalid input',
    }));
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new HttpError(400, 'bad_request', `Invalid ${what} — ${summary}`, fields);
  };

/**
 * How Sync Desk answers when Monite fails, by what Monite did (after the retries monite-client.ts
 * makes for reads and push-safely.ts for pushes). What Monite says about a record the person asked
 * for is passed on as such; what is Sync Desk's or Monite's own trouble is a 502/504.
 */
export const UPSTREAM_ERRORS = {
  /** 404 for a record or entity the request named. */
  not_found: {
    status: 404,
    code: 'not_found',
    message: (e) =>
      e.recordId
        ? `Monite has no record ${e.recordId} for this entity.`
        : `Monite has no entity ${e.entityId}.`,
  },
  /** 400, 409 or 422: Monite refused the request as asked; its words say why. */
  refused: {
    status: 422,
    code: 'refused_by_monite',
    message: (e) => `Monite refused this: ${words(e)}${ref(e)}.`,
  },
  /** 429 still after the retries, or asking for a longer wait than is worth holding a person for. */
  rate_limited: {
    status: 429,
    code: 'rate_limited',
    message: (e) => `Monite is rate-limiting us, retry in ${e.retryAfter ?? 1} s.`,
  },
  /** Monite refused Sync Desk itself: its client credentials, a renewed token (401), or access (403). */
  access_refused: {
    status: 502,
    code: 'upstream_access_refused',
    message: (e) =>
      `Monite refused Sync Desk's ${e.kind === 'credentials' ? 'credentials' : 'access'}: ${words(e)}${ref(e)}. An administrator needs to check Sync Desk's Monite credentials (MONITE_CLIENT_ID, MONITE_CLIENT_SECRET).`,
  },
  /** 5xx still after the retries. */
  unavailable: {
    status: 502,
    code: 'upstream_unavailable',
    message: (e) =>
      `Monite is having trouble (it answered ${e.status}: ${words(e)}${innerRef(e)}); try again in a few minutes.`,
  },
  timeout: {
    status: 504,
    code: 'upstream_timeout',
    message: (e) => `${e.message}; try again in a few minutes.`,
  },
  unreachable: {
    status: 502,
    code: 'upstream_unreachable',
    message: (e) => `${e.message}; try again in a few minutes.`,
  },
  /** A 2xx we could not read, or a 4xx that says Sync Desk asked wrongly (e.g. a 404 on a path). */
  unexpected: {
    status: 502,
    code: 'upstream_error',
    message: (e) =>
      e.kind === 'invalid_response'
        ? `${e.message}${ref(e)}.`
        : `Monite could not handle Sync Desk's request (it answered ${e.status}: ${words(e)}${innerRef(e)}).`,
  },
} satisfies Record<string, { status: number; code: string; message: (e: UpstreamError) => string }>;

type UpstreamCase = keyof typeof UPSTREAM_ERRORS;

/** Which row of UPSTREAM_ERRORS a failure falls under. */
function upstreamCase(e: UpstreamError): UpstreamCase {
  if (e.kind === 'timeout') return 'timeout';
  if (e.kind === 'network') return 'unreachable';
  if (e.kind === 'credentials') return 'access_refused';
  if (e.kind === 'invalid_response' || e.status === undefined) return 'unexpected';
  if (e.status === 429) return 'rate_limited';
  if (e.status >= 500) return 'unavailable';
  if (e.status === 401 || e.status === 403) return 'access_refused';
  if (e.status === 404) return e.recordId || e.entityId ? 'not_found' : 'unexpected';
  if ([400, 409, 422].includes(e.status)) return 'refused';
  return 'unexpected';
}

/** Fastify's own refusals (router, body parser), in words a person can act on. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_request',
    message: 'This address is not valid (a broken %-escape).',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'uri_too_long',
    message: 'A part of this address is too long.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'bad_request',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is empty.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Sync Desk accepts request bodies in JSON only.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'The request body is too large.',
  },
};

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof BadCursorError) return new HttpError(400, 'bad_request', error.message);
  if (error instanceof UpstreamError) return fromUpstream(error);
  if (error instanceof PushFailedError) return fromPushFailure(error);
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FRAMEWORK_ERRORS[fastifyError.code] : undefined;
  if (known) return new HttpError(known.status, known.code, known.message);
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new HttpError(fastifyError.statusCode, 'bad_request', fastifyError.message ?? 'Bad request');
  }
  return new HttpError(500, 'internal_error', 'Something went wrong in Sync Desk; the error was logged.');
}

/**
 * A push that failed: refused and rate-limited pushes answer as their Monite failure does; pushes
 * that ran out of attempts keep the push's own account of them, with the status of the last failure.
 */
function fromPushFailure(error: PushFailedError): HttpError {
  if (error.code === 'already_pending') return new HttpError(409, 'already_pending', error.message);
  const details = {
    attempts: error.attempts,
    ...(error.requestId && { monite_request_id: error.requestId }),
  };
  if (!error.upstream) return new HttpError(502, error.code, error.message, details);
  const upstream = fromUpstream(error.upstream);
  if (error.code === 'rejected' || error.code === 'rate_limited') {
    return new HttpError(upstream.status, upstream.code, upstream.message, details, upstream.headers);
  }
  const code = error.code === 'outcome_unknown' ? error.code : upstream.code;
  return new HttpError(upstream.status, code, error.message, details);
}

function fromUpstream(error: UpstreamError): HttpError {
  const row = UPSTREAM_ERRORS[upstreamCase(error)];
  const details = error.requestId ? { monite_request_id: error.requestId } : undefined;
  const headers: Record<string, string> =
    row.status === 429 ? { 'retry-after': String(error.retryAfter ?? 1) } : {};
  return new HttpError(row.status, row.code, row.message(error), details, headers);
}

/** Monite's words without their closing full stop, to quote inside a sentence. */
const words = (e: UpstreamError) => e.message.replace(/\.\s*$/, '');
const ref = (e: UpstreamError) => (e.requestId ? ` (Monite request ${e.requestId})` : '');
const innerRef = (e: UpstreamError) => (e.requestId ? `; Monite request ${e.requestId}` : '');
