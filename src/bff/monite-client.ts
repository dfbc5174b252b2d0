/**
 * Every call the BFF makes to Monite: the partner token (client-credentials grant, cached until
 * shortly before expiry, renewed once on a 401), the version and entity headers, timeouts,
 * the shared rate limit (one limiter per client, one client per process; interactive requests go
 * ahead of bulk work), Monite's rate-limit headers, and response validation against the schemas.
 *
 * Retries: a 401 is retried once with a new token, and a read that gets a 429 is retried after
 * Retry-After (Monite did not act, and reads are safe anyway). A push is sent once: its retry
 * policy lives in push-safely.ts, the one place that decides whether pushing again is safe.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { MoniteConfig } from './config';
import { RateLimiter, type Priority } from './rate-limiter';
import { syncRecordSchema, type ObjectType, type SyncRecord } from '../monite/schemas';
import {
  entityListSchema,
  errorMessageOf,
  syncRecordListSchema,
  tokenResponseSchema,
  type MoniteEntity,
  type SyncRecordList,
} from '../monite/server-schemas.server';

export type UpstreamFailure = 'http' | 'timeout' | 'network' | 'invalid_response';

export type { Priority };

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly kind: UpstreamFailure,
    readonly status?: number,
    readonly requestId?: string,
    /** Seconds Monite asked us to wait (429). */
    readonly retryAfter?: number,
    /**
     * The request certainly never reached Monite (connection refused, host not found): sending it
     * again cannot duplicate anything. False when it may have been sent (a reset, a timeout).
     */
    readonly neverSent = false,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** Per-call options. */
export type CallOptions = {
  /** 'interactive' (default) goes ahead of waiting 'bulk' calls (mirror refresh, bulk jobs). */
  priority?: Priority;
};

export type Upstream<T> = { data: T; requestId: string | undefined };

export type RecordsListParams = {
  object_type: ObjectType;
  limit?: number;
  sort?: 'created_at' | 'updated_at';
  order?: 'asc' | 'desc';
  updated_at__gte?: string;
  pagination_token?: string;
};

type Call = {
  method: 'GET' | 'POST';
  path: string;
  entityId?: string;
  /** Arrays are sent as repeated keys (`id__in=a&id__in=b`), as Monite expects. */
  query?: Record<string, string | number | string[] | undefined>;
  priority?: Priority;
  /** How many 429s to wait out and retry here; pushes use 0 (push-safely.ts decides). */
  max429Retries?: number;
};

/** Renew this long before Monite's `expires_in` runs out (capped at a tenth of the lifetime). */
const TOKEN_MARGIN_MS = 60_000;
/** How long a 429's Retry-After may be before we give up waiting and tell the caller. */
const MAX_RETRY_AFTER_S = 10;
const MAX_429_RETRIES = 2;
/** A RateLimit-Reset (or Retry-After) longer than this is taken as this: a bad header must not stall us for hours. */
const MAX_PAUSE_S = 60;
/** Connection errors that happen before a request is sent (undici / Node `code`s). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export class MoniteClient {
  private token: { value: string; renewAt: number } | undefined;
  private tokenFetch: Promise<string> | undefined;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly config: MoniteConfig,
    private readonly log: FastifyBaseLogger,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    this.limiter = new RateLimiter(config.rateLimitPerSecond);
  }

  listRecords(
    entityId: string,
    params: RecordsListParams,
    options: CallOptions = {},
  ): Promise<Upstream<SyncRecordList>> {
    return this.call(syncRecordListSchema, {
      method: 'GET',
      path: '/accounting_synced_records',
      entityId,
      query: params,
      ...options,
    });
  }

  getRecord(entityId: string, recordId: string, options: CallOptions = {}): Promise<Upstream<SyncRecord>> {
    return this.call(syncRecordSchema, {
      method: 'GET',
      path: `/accounting_synced_records/${recordId}`,
      entityId,
      ...options,
    });
  }

  /**
   * One push request, never retried here except with a renewed token after a 401 (Monite did not
   * act). A 429, 5xx, timeout or network error is thrown as is: use `pushSafely` to retry.
   */
  pushRecord(entityId: string, recordId: string, options: CallOptions = {}): Promise<Upstream<SyncRecord>> {
    return this.call(syncRecordSchema, {
      method: 'POST',
      path: `/accounting_synced_records/${recordId}/push`,
      entityId,
      ...options,
      max429Retries: 0,
    });
  }

  /** Every entity of the partner (or just `ids`), following pagination. */
  async listEntities(ids: string[] = [], options: CallOptions = {}): Promise<MoniteEntity[]> {
    const entities: MoniteEntity[] = [];
    let token: string | undefined;
    do {
      const query = token
        ? { pagination_token: token }
        : { limit: 100, id__in: ids.length ? ids : undefined };
      const { data } = await this.call(entityListSchema, {
        method: 'GET',
        path: '/entities',
        query,
        ...options,
      });
      entities.push(...data.data);
      token = data.next_pagination_token ?? undefined;
    } while (token);
    return entities;
  }

  /** A valid partner token; concurrent callers share one fetch. Never leaves the BFF. */
  async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    this.tokenFetch ??= this.fetchToken().finally(() => (this.tokenFetch = undefined));
    return this.tokenFetch;
  }

  private async fetchToken(): Promise<string> {
    // The token request counts against the same per-client quota; whoever waits for it is waiting now.
    await this.limiter.take('interactive');
    const res = await this.send(`${this.config.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-monite-version': this.config.version },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
      }),
    });
    if (!res.ok) {
      const requestId = res.headers.get('x-request-id') ?? undefined;
      const reason = errorMessageOf(await readJson(res)) ?? res.statusText;
      this.log.error({ status: res.status, requestId }, 'Monite refused the client credentials');
      throw new UpstreamError(`Monite refused Sync Desk's credentials: ${reason}`, 'http', 502, requestId);
    }
    const token = await this.parse(tokenResponseSchema, res);
    const lifetimeMs = token.expires_in * 1000;
    this.token = {
      value: token.access_token,
      renewAt: Date.now() + lifetimeMs - Math.min(TOKEN_MARGIN_MS, lifetimeMs / 10),
    };
    return token.access_token;
  }

  private async call<T>(schema: z.ZodType<T>, call: Call): Promise<Upstream<T>> {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      await this.limiter.take(call.priority);
      const started = performance.now();
      const res = await this.send(url(this.config.baseUrl, call), {
        method: call.method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-monite-version': this.config.version,
          ...(call.entityId && { 'x-monite-entity-id': call.entityId }),
        },
      });
      const requestId = res.headers.get('x-request-id') ?? undefined;
      this.obeyQuotaHeaders(res.headers);
      const ms = Math.round(performance.now() - started);
      this.log.debug(
        { method: call.method, path: call.path, status: res.status, ms, requestId },
        'monite call',
      );

      if (res.ok) return { data: await this.parse(schema, res, requestId), requestId };

      if (res.status === 401 && !renewed) {
        // An expired or revoked token: renew once and retry once.
        renewed = true;
        if (this.token?.value === token) this.token = undefined;
        continue;
      }
      const body = await readJson(res);
      if (res.status === 429) {
        const retryAfter = retryAfterSeconds(res.headers.get('retry-after'));
        // Everyone waits, not just this caller: the quota is the client's.
        this.limiter.pauseUntil(Date.now() + Math.min(retryAfter, MAX_PAUSE_S) * 1000);
        // A 429 means Monite did not act, so retrying cannot duplicate anything.
        if (attempt < (call.max429Retries ?? MAX_429_RETRIES) && retryAfter <= MAX_RETRY_AFTER_S) continue;
        throw new UpstreamError('Monite is rate-limiting us', 'http', 429, requestId, retryAfter);
      }
      const reason = errorMessageOf(body) ?? res.statusText;
      this.log.warn(
        { method: call.method, path: call.path, status: res.status, requestId, reason },
        'Monite error',
      );
      throw new UpstreamError(reason, 'http', res.status, requestId);
    }
  }

  /**
   * Monite says how much of the current window's quota is left (other clients of the same
   * credentials count too): at 0, nobody sends until the window resets.
   */
  private obeyQuotaHeaders(headers: Headers): void {
    const remaining = [headers.get('ratelimit-remaining'), headers.get('x-ratelimit-remaining-second')]
      .filter((v): v is string => v !== null && v.trim() !== '')
      .map(Number)
      .filter(Number.isFinite);
    if (remaining.length === 0 || Math.min(...remaining) > 0) return;
    const reset = Number(headers.get('ratelimit-reset'));
    // Reset counts whole seconds to the end of a fixed window aligned on the second (as Monite's
    // gateway keeps them): "1" means the next second boundary, not a full second from now,
    // which at a steady pace would waste most of every window.
    const waitS = Number.isFinite(reset) && reset > 0 ? Math.min(reset, MAX_PAUSE_S) : 1;
    this.limiter.pauseUntil((Math.floor(Date.now() / 1000) + waitS) * 1000);
  }

  private async send(target: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(target, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      const notSent = !timedOut && connectionNeverOpened(error);
      this.log.warn({ url: new URL(target).pathname, timedOut, notSent }, 'Monite unreachable');
      throw timedOut
        ? new UpstreamError(`Monite did not answer within ${this.config.timeoutMs / 1000} s`, 'timeout')
        : new UpstreamError(
            'Monite could not be reached',
            'network',
            undefined,
            undefined,
            undefined,
            notSent,
          );
    }
  }

  private async parse<T>(schema: z.ZodType<T>, res: Response, requestId?: string): Promise<T> {
    const parsed = schema.safeParse(await readJson(res));
    if (parsed.success) return parsed.data;
    this.log.error({ requestId, issues: parsed.error.issues.slice(0, 3) }, 'unexpected Monite response');
    throw new UpstreamError(
      "Monite sent a response Sync Desk doesn't understand",
      'invalid_response',
      502,
      requestId,
    );
  }
}

/** Retry-After is seconds, or an HTTP date; anything else counts as 1 s. */
function retryAfterSeconds(header: string | null): number {
  if (!header) return 1;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** fetch's error for a connection that never opened: `cause.code` (or every code of an AggregateError). */
function connectionNeverOpened(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const codes = [cause, ...(cause instanceof AggregateError ? cause.errors : [])]
    .map((e) => (e as { code?: unknown } | null)?.code)
    .filter((code): code is string => typeof code === 'string');
  return codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code));
}

function url(baseUrl: string, { path, query = {} }: Call): string {
  const target = new URL(`${baseUrl}${path}`);
  for (const [key, value] of Object.entries(query)) {
    for (const v of [value].flat()) if (v !== undefined) target.searchParams.append(key, String(v));
  }
  return target.toString();
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
