/**
 * Every call the BFF makes to Monite: the partner token (client-credentials grant, cached until
 * shortly before expiry, renewed once on a 401), the version and entity headers, timeouts,
 * the rate limit (one limiter per client, one client per process, sharing its budget with the
 * other instances on PostgreSQL; interactive requests go ahead of bulk work), Monite's rate-limit headers, and response validation against the schemas.
 *
 * Retries: a 401 is retried once with a new token. A read (GET) rides out transient trouble: a
 * 429 (after Retry-After, which the shared limiter makes everyone wait out), a 5xx, a timeout or
 * a lost connection is tried again, with backoff, at most `READ_ATTEMPTS` times in all and not
 * past `READ_RETRY_BUDGET_MS`, so a person sees an error only when Monite is really down. A push
 * is sent once: its retry policy lives in push-safely.ts, the one place that decides whether
 * pushing again is safe.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { retryAfterSeconds } from '../contract/retry-after';
import { backoff } from './backoff';
import type { MoniteConfig } from './config';
import { RateLimiter, type Limiter, type Priority } from './rate-limiter';
import { syncRecordSchema, type ObjectType, type SyncRecord } from '../monite/schemas';
import {
  counterpartPageSchema,
  entityListSchema,
  errorMessageOf,
  payablePageSchema,
  paymentRecordPageSchema,
  paymentRecordSchema,
  productPageSchema,
  receivablePageSchema,
  syncRecordListSchema,
  tokenResponseSchema,
  type MoniteCounterpart,
  type MoniteEntity,
  type MonitePayable,
  type MonitePaymentRecord,
  type MoniteProduct,
  type MoniteReceivable,
  type SyncRecordList,
} from '../monite/server-schemas.server';

/**
 * `http`: Monite answered with an error status; `credentials`: Monite refused Sync Desk's client
 * credentials (a 4xx from the token endpoint); `invalid_response`: a 2xx we could not read.
 */
export type UpstreamFailure = 'http' | 'credentials' | 'timeout' | 'network' | 'invalid_response';

export type { Priority };

export type UpstreamErrorInfo = {
  /** The status Monite answered with (`http`, `credentials`); never one Sync Desk chose. */
  status?: number;
  requestId?: string;
  /** Seconds Monite asked us to wait (429). */
  retryAfter?: number;
  /**
   * The request certainly never reached Monite (connection refused, host not found): sending it
   * again cannot duplicate anything. False when it may have been sent (a reset, a timeout).
   */
  neverSent?: boolean;
  /** What the request was about, so an answer can name it (a 404 is "no record <id>"). */
  entityId?: string;
  recordId?: string;
};

export class UpstreamError extends Error {
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfter: number | undefined;
  readonly neverSent: boolean;
  readonly entityId: string | undefined;
  readonly recordId: string | undefined;

  constructor(
    /** Monite's own words for the failure, or what happened when it gave none. */
    message: string,
    readonly kind: UpstreamFailure,
    info: UpstreamErrorInfo = {},
  ) {
    super(message);
    this.name = 'UpstreamError';
    this.status = info.status;
    this.requestId = info.requestId;
    this.retryAfter = info.retryAfter;
    this.neverSent = info.neverSent ?? false;
    this.entityId = info.entityId;
    this.recordId = info.recordId;
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
  /** The record the path names, if any (for error messages). */
  recordId?: string;
  /** Arrays are sent as repeated keys (`id__in=a&id__in=b`), as Monite expects. */
  query?: Record<string, string | number | string[] | undefined>;
  priority?: Priority;
};

/**
 * Ids a document request asks for at most: Monite's default and (except receivables, 250) maximum
 * page size. The spec declares no maximum for `id__in` itself, but a batch that fits one page is
 * answered in one request, and 100 uuids keep the URL near 4 KB.
 */
export const DOCUMENT_BATCH = 100;

/** Renew this long before Monite's `expires_in` runs out (capped at a tenth of the lifetime). */
const TOKEN_MARGIN_MS = 60_000;
/** How long a 429's Retry-After may be before we give up waiting and tell the caller. */
const MAX_RETRY_AFTER_S = 10;
/** A read is sent at most this many times… */
export const READ_ATTEMPTS = 4;
/** …and not again once this long has passed since the first try (one 15 s timeout is retried once). */
const READ_RETRY_BUDGET_MS = 20_000;
/** First wait before retrying a read after a 5xx, timeout or lost connection (doubles each time). */
const READ_RETRY_DELAY_MS = 250;
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
  constructor(
    private readonly config: MoniteConfig,
    private readonly log: FastifyBaseLogger,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    /** The request budget: this process's own, or the one instances share (shared-rate-limiter.ts). */
    private readonly limiter: Limiter = new RateLimiter(config.rateLimitPerSecond),
  ) {}

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
      recordId,
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
      recordId,
      ...options,
    });
  }

  /*
   * The documents behind synced records (`object_id`), by id. Ids Monite does not know (deleted
   * documents, another entity's) are simply absent from the answer; lists of any length are sent
   * in batches of `DOCUMENT_BATCH`.
   */

  getReceivables(
    entityId: string,
    ids: readonly string[],
    options: CallOptions = {},
  ): Promise<MoniteReceivable[]> {
    return this.documents('/receivables', receivablePageSchema, entityId, ids, options);
  }

  getPayables(entityId: string, ids: readonly string[], options: CallOptions = {}): Promise<MonitePayable[]> {
    return this.documents('/payables', payablePageSchema, entityId, ids, options);
  }

  getCounterparts(
    entityId: string,
    ids: readonly string[],
    options: CallOptions = {},
  ): Promise<MoniteCounterpart[]> {
    return this.documents('/counterparts', counterpartPageSchema, entityId, ids, options);
  }

  getProducts(entityId: string, ids: readonly string[], options: CallOptions = {}): Promise<MoniteProduct[]> {
    return this.documents('/products', productPageSchema, entityId, ids, options);
  }

  /** Monite reads payment records one at a time: one request each, absent when Monite answers 404. */
  async getPaymentRecords(
    entityId: string,
    ids: readonly string[],
    options: CallOptions = {},
  ): Promise<MonitePaymentRecord[]> {
    const found = await Promise.all(
      [...new Set(ids)].map((id) =>
        this.call(paymentRecordSchema, {
          method: 'GET',
          path: `/payment_records/${id}`,
          entityId,
          ...options,
        }).then(
          ({ data }) => data,
          (error: unknown) => {
            if (error instanceof UpstreamError && error.kind === 'http' && error.status === 404)
              return undefined;
            throw error;
          },
        ),
      ),
    );
    return found.filter((record) => record !== undefined);
  }

  /**
   * Every payment record of the entity, a page of `DOCUMENT_BATCH` at a time: Monite's list has no
   * id filter, so for many payment records at once, paging through all of them costs fewer requests.
   */
  async *paymentRecordPages(
    entityId: string,
    options: CallOptions = {},
  ): AsyncGenerator<MonitePaymentRecord[]> {
    let token: string | undefined;
    do {
      const query = token ? { pagination_token: token, limit: DOCUMENT_BATCH } : { limit: DOCUMENT_BATCH };
      const { data } = await this.call(paymentRecordPageSchema, {
        method: 'GET',
        path: '/payment_records',
        entityId,
        query,
        ...options,
      });
      yield data.data;
      token = data.next_pagination_token ?? undefined;
    } while (token);
  }

  private async documents<T>(
    path: string,
    pageSchema: z.ZodType<{ data: T[]; next_pagination_token?: string | null }>,
    entityId: string,
    ids: readonly string[],
    options: CallOptions,
  ): Promise<T[]> {
    const unique = [...new Set(ids)];
    const batches = Array.from({ length: Math.ceil(unique.length / DOCUMENT_BATCH) }, (_, i) =>
      unique.slice(i * DOCUMENT_BATCH, (i + 1) * DOCUMENT_BATCH),
    );
    const pages = await Promise.all(
      batches.map(async (batch) => {
        const found: T[] = [];
        // One page holds the whole batch; the token is followed in case Monite pages smaller.
        let token: string | undefined;
        do {
          const query = token
            ? { pagination_token: token, limit: DOCUMENT_BATCH }
            : { id__in: batch, limit: DOCUMENT_BATCH };
          const { data } = await this.call(pageSchema, { method: 'GET', path, entityId, query, ...options });
          found.push(...data.data);
          token = data.next_pagination_token ?? undefined;
        } while (token);
        return found;
      }),
    );
    return pages.flat();
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
    if (!res.ok) throw await this.failure(res, { method: 'POST', path: '/auth/token' });
    const token = await this.parse(tokenResponseSchema, res);
    const lifetimeMs = token.expires_in * 1000;
    this.token = {
      value: token.access_token,
      renewAt: Date.now() + lifetimeMs - Math.min(TOKEN_MARGIN_MS, lifetimeMs / 10),
    };
    return token.access_token;
  }

  private async call<T>(schema: z.ZodType<T>, call: Call): Promise<Upstream<T>> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(schema, call);
      } catch (error) {
        const baseMs = this.config.readRetryDelayMs ?? READ_RETRY_DELAY_MS;
        const waitMs =
          call.method === 'GET' ? readRetryWait(error, attempt, Date.now() - started, baseMs) : undefined;
        if (waitMs === undefined) throw error;
        this.log.info(
          { path: call.path, attempt, reason: (error as Error).message },
          'retrying a Monite read',
        );
        await sleep(waitMs);
      }
    }
  }

  /** One request (and once more with a new token after a 401). */
  private async attempt<T>(schema: z.ZodType<T>, call: Call): Promise<Upstream<T>> {
    let renewed = false;
    for (;;) {
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
      throw await this.failure(res, call);
    }
  }

  /** The error for a non-2xx answer; a 429 also holds the limiter until Retry-After has passed. */
  private async failure(res: Response, call: Omit<Call, 'query' | 'priority'>): Promise<UpstreamError> {
    const requestId = res.headers.get('x-request-id') ?? undefined;
    const about = { status: res.status, requestId, entityId: call.entityId, recordId: call.recordId };
    const body = await readJson(res);
    if (res.status === 429) {
      const retryAfter = retryAfterSeconds(res.headers.get('retry-after')) ?? 1;
      // Everyone waits, not just this caller: the quota is the client's.
      this.limiter.pauseUntil(Date.now() + Math.min(retryAfter, MAX_PAUSE_S) * 1000);
      return new UpstreamError('Monite is rate-limiting us', 'http', { ...about, retryAfter });
    }
    const reason = errorMessageOf(body) ?? res.statusText;
    const refusedCredentials = call.path === '/auth/token' && res.status < 500;
    // Refused credentials need an administrator: log them louder than Monite's passing trouble.
    this.log[refusedCredentials ? 'error' : 'warn'](
      { method: call.method, path: call.path, status: res.status, requestId, reason },
      refusedCredentials ? 'Monite refused the client credentials' : 'Monite error',
    );
    return new UpstreamError(reason, refusedCredentials ? 'credentials' : 'http', about);
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
        : new UpstreamError('Monite could not be reached', 'network', { neverSent: notSent });
    }
  }

  private async parse<T>(schema: z.ZodType<T>, res: Response, requestId?: string): Promise<T> {
    const parsed = schema.safeParse(await readJson(res));
    if (parsed.success) return parsed.data;
    this.log.error({ requestId, issues: parsed.error.issues.slice(0, 3) }, 'unexpected Monite response');
    throw new UpstreamError("Monite sent a response Sync Desk doesn't understand", 'invalid_response', {
      requestId,
    });
  }
}

/**
 * Whether a read that failed on try `attempt` is worth another, and how long to wait first:
 * 0 after a 429 (the limiter already holds everyone until Retry-After has passed), doubling
 * backoff after a 5xx, a timeout or a lost connection; undefined to give up and tell the caller.
 */
function readRetryWait(
  error: unknown,
  attempt: number,
  elapsedMs: number,
  baseMs: number,
): number | undefined {
  if (!(error instanceof UpstreamError) || attempt >= READ_ATTEMPTS) return undefined;
  if (error.status === 429) {
    const waitMs = (error.retryAfter ?? 1) * 1000;
    const worthIt = waitMs <= MAX_RETRY_AFTER_S * 1000 && elapsedMs + waitMs <= READ_RETRY_BUDGET_MS;
    return worthIt ? 0 : undefined;
  }
  const transient =
    error.kind === 'timeout' ||
    error.kind === 'network' ||
    (error.kind === 'http' && (error.status ?? 0) >= 500);
  return transient && elapsedMs <= READ_RETRY_BUDGET_MS ? backoff(baseMs, attempt) : undefined;
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
