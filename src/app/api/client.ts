/**
 * The one way the SPA calls the BFF: same-origin JSON, CSRF header on writes, responses validated
 * against the contract, and every failure turned into an ApiError a person can read.
 */
import type { z } from 'zod';
import { CSRF_HEADER } from '../../contract/csrf-header';
import { retryAfterSeconds } from '../../contract/retry-after';
import { takeEarlyResponse } from '../early-requests';

type ResponseSchemas = typeof import('./response-schemas');
/** A response shape the SPA checks, named in response-schemas.ts. */
export type ResponseName = Exclude<keyof ResponseSchemas, 'error'>;

let schemas: Promise<ResponseSchemas> | undefined;
/** Loaded once, on the first request; a failed load (a network blip) is tried again on the next. */
function loadSchemas(): Promise<ResponseSchemas> {
  schemas ??= import('./response-schemas').catch((error: unknown) => {
    schemas = undefined;
    throw error;
  });
  return schemas;
}

const networkError = () =>
  new ApiError(0, 'network_error', 'Cannot reach Sync Desk. Check your connection and retry.');

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the BFF asked us to wait (429 `Retry-After`). */
    readonly retryAfter?: number,
    /** The error body's `details`, whose shape the code says (e.g. a 409 `job_running`'s job). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Options = { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; signal?: AbortSignal };

export async function apiFetch<N extends ResponseName>(
  path: string,
  shape: N,
  { method = 'GET', body: payload, signal }: Options = {},
): Promise<z.infer<ResponseSchemas[N]>> {
  // The schemas load while the request is out, not after it.
  const loading = loadSchemas().catch(() => undefined);
  // An absolute URL: Node's fetch (under jsdom in tests) rejects relative ones.
  const url = new URL(path, window.location.origin);
  let response: Response;
  try {
    // The same GET sent before the app's code arrived (early-requests.ts) answers the first ask.
    const early = method === 'GET' ? takeEarlyResponse(shape, url.href) : undefined;
    response = await (early ??
      fetch(url, {
        method,
        signal,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          ...(method !== 'GET' && { [CSRF_HEADER]: '1' }),
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      }));
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError();
  }
  // 204 No Content (sign-out) has no body: the schema then sees `undefined`.
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  const loaded = await loading;
  if (!loaded) throw networkError();
  if (!response.ok) throw errorFrom(response, body, loaded.error);
  const schema: z.ZodType = loaded[shape];
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'invalid_response',
      'The server sent a response Sync Desk does not understand.',
    );
  }
  return parsed.data as z.infer<ResponseSchemas[N]>;
}

function errorFrom(response: Response, body: unknown, errorSchema: ResponseSchemas['error']): ApiError {
  const parsed = errorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : 'http_error';
  const message = parsed.success ? parsed.data.error.message : `Request failed (HTTP ${response.status}).`;
  const details = parsed.success ? parsed.data.error.details : undefined;
  return new ApiError(
    response.status,
    code,
    message,
    retryAfterSeconds(response.headers.get('Retry-After')),
    details,
  );
}

/** What to tell a person about any error thrown while talking to the BFF. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    return error.retryAfter === undefined
      ? 'Monite is rate-limiting us, retry in a few seconds.'
      : `Monite is rate-limiting us, retry in ${error.retryAfter} s`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The session is gone (expired, or signed out elsewhere): only signing in again helps. */
export const isUnauthenticated = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated';

/** Worth retrying automatically: the network, rate limits and upstream hiccups. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && [0, 429, 502, 503, 504].includes(error.status);
}
