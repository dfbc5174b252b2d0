/**
 * Every call the BFF makes to Monite: the partner token (client-credentials grant, cached until
 * shortly before expiry, renewed once on a 401), the version and entity headers, timeouts,
 * the shared rate limit, and response validation against the Monite schemas.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { MoniteConfig } from './config';
import { RateLimiter } from './rate-limiter';
import {
  entityListSchema,
  errorMessageOf,
  syncRecordListSchema,
  syncRecordSchema,
  tokenResponseSchema,
  type MoniteEntity,
  type ObjectType,
  type SyncRecord,
  type SyncRecordList,
} from '../monite/schemas';

export type UpstreamFailure = 'http' | 'timeout' | 'network' | 'invalid_response';

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly kind: UpstreamFailure,
    readonly status?: number,
    readonly requestId?: string,
    /** Seconds Monite asked us to wait (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

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
};

/** Renew this long before Monite's `expires_in` runs out (capped at a tenth of the lifetime). */
const TOKEN_MARGIN_MS = 60_000;
/** How long a 429's Retry-After may be before we give up waiting and tell the caller. */
const MAX_RETRY_AFTER_S = 10;
const MAX_429_RETRIES = 2;

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

  listRecords(entityId: string, params: RecordsListParams): Promise<Upstream<SyncRecordList>> {
    return this.call(syncRecordListSchema, {
      method: 'GET',
      path: '/accounting_synced_records',
      entityId,
      query: params,
    });
  }

  getRecord(entityId: string, recordId: string): Promise<Upstream<SyncRecord>> {
    return this.call(syncRecordSchema, {
      method: 'GET',
      path: `/accounting_synced_records/${recordId}`,
      entityId,
    });
  }

  pushRecord(entityId: string, recordId: string): Promise<Upstream<SyncRecord>> {
    return this.call(syncRecordSchema, {
      method: 'POST',
      path: `/accounting_synced_records/${recordId}/push`,
      entityId,
    });
  }

  /** Every entity of the partner (or just `ids`), following pagination. */
  async listEntities(ids: string[] = []): Promise<MoniteEntity[]> {
    const entities: MoniteEntity[] = [];
    let token: string | undefined;
    do {
      const query = token
        ? { pagination_token: token }
        : { limit: 100, id__in: ids.length ? ids : undefined };
      const { data } = await this.call(entityListSchema, { method: 'GET', path: '/entities', query });
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
      await this.limiter.take();
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
        const retryAfter = Number(res.headers.get('retry-after')) || 1;
        this.limiter.pauseUntil(Date.now() + retryAfter * 1000);
        // A 429 means Monite did not act, so retrying (even a push) cannot duplicate anything.
        if (attempt < MAX_429_RETRIES && retryAfter <= MAX_RETRY_AFTER_S) continue;
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

  private async send(target: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(target, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      this.log.warn({ url: new URL(target).pathname, timedOut }, 'Monite unreachable');
      throw timedOut
        ? new UpstreamError(`Monite did not answer within ${this.config.timeoutMs / 1000} s`, 'timeout')
        : new UpstreamError('Monite could not be reached', 'network');
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
