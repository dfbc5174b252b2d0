/**
 * The Monite simulator: MSW handlers over a stateful, seeded store, with fault injection.
 * The same handlers serve `setupServer` in tests and a real HTTP server (http-server.ts).
 */
import type { RequestHandler } from 'msw';
import type { ObjectType } from '../monite/schemas';
import type { RequestLogEntry, SimContext } from './context';
import { seedRecords } from './dataset';
import { DocumentBook } from './documents';
import { DEFAULT_ENTITIES, seedEntity, type EntitySpec } from './entities';
import { assertServerError, FailureQueue, PathQueue } from './failure-queue';
import { authTokenHandler } from './handlers/auth-token';
import { documentHandlers } from './handlers/documents';
import { entitiesHandler } from './handlers/entities';
import { syncedRecordHandlers } from './handlers/synced-records';
import { isUuid } from './handlers/validation';
import type { Outcome } from './push-outcome';
import { rngFrom } from './random';
import { RateLimiter } from './rate-limiter';
import { RecordStore, type Bookkeeper, type RecordPatch } from './record-store';
import type { SimRecord } from './sim-record';
import { TokenStore } from './tokens';

export type { Bookkeeper, EntitySpec, Outcome, RecordPatch, RequestLogEntry, SimRecord };

export type SimulatorOptions = {
  /** Must be a uuid: Monite's ObtainTokenPayload declares `client_id` with format uuid. */
  clientId: string;
  clientSecret: string;
  /** Default 1. */
  seed?: number;
  /** Default: "Acme Trading GmbH" (organization, 2,400 records), "Northwind Studio" (individual, 600). */
  entities?: EntitySpec[];
  /** Default 3600. */
  tokenTtlSeconds?: number;
  /** How long a pushed record stays pending. Default 2000. */
  pushDelayMs?: number;
  /** Requests per second per client; 0 = unlimited (the default). */
  rateLimitPerSecond?: number;
  /** Added to every response. Default 0. */
  latencyMs?: number;
  /** The simulator's clock (ms since epoch), for tests that step time. Default Date.now. */
  now?: () => number;
  /**
   * Someone who fixes each failure a push cannot get past by itself, some minutes after it failed
   * (demo mode). Default none: the flaw stays until a test calls `store.fix`.
   */
  bookkeeper?: Bookkeeper;
};

export type SimulatorStore = {
  /** One record as the API would return it now (a copy), or undefined if not in that entity. */
  record(entityId: string, id: string): SimRecord | undefined;
  /** Every record of the entity, oldest first (copies). */
  records(entityId: string, objectType?: ObjectType): SimRecord[];
  /** Changes a record; `updated_at` becomes now unless the patch sets it. */
  update(entityId: string, id: string, patch: RecordPatch): SimRecord;
  /** Deletes a record: lists stop returning it; GET and push answer 404. */
  delete(entityId: string, id: string): void;
  /** Adds a record created now (status done unless `init` says otherwise). */
  insert(entityId: string, init?: Partial<SimRecord>): SimRecord;
  /**
   * Fixes the record's document as a bookkeeper would (a unique number, a tax rate on every line…):
   * `object_updated_at` becomes now, and the next push no longer fails for the old reason.
   */
  fix(entityId: string, id: string): SimRecord;
  /** Every access token issued so far (expired ones too). */
  issuedTokens(): string[];
  /** Pushes received through the API for this record. */
  pushCount(id: string): number;
  totalPushes(): number;
  /** Every request received, oldest first (live array). */
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
};

export type SimulatorFaults = {
  /** Every token issued so far is expired from now on (new ones are fine). */
  expireTokens(): void;
  /**
   * The next `count` requests (whose path includes `pathIncludes`, if given) fail with `status`
   * (default 500) before Monite processes them: a failed push is not counted and changes nothing.
   */
  failNext(count: number, status?: number, pathIncludes?: string): void;
  /**
   * The next `count` matching requests are processed (a push counts and makes the record pending),
   * but the answer is lost: the client gets `status` (5xx, default 500) instead.
   */
  failAfterProcessing(count: number, status?: number, pathIncludes?: string): void;
  /**
   * The next `count` matching requests are refused with `status` (a 4xx other than 429) and
   * Monite's error envelope carrying `message`, before Monite processes them.
   */
  refuseNext(count: number, status: number, message: string, pathIncludes?: string): void;
  /** The next `count` matching requests get the gateway's 429 with this Retry-After (default 1 s). */
  throttleNext(count: number, retryAfterSeconds?: number, pathIncludes?: string): void;
  /**
   * The next `count` matching requests are processed at once, but answered `ms` later (longer than
   * the client's timeout: the client gives up on a request Monite has acted on).
   */
  delayNext(count: number, ms: number, pathIncludes?: string): void;
  /**
   * From now on, each API call (not `POST /auth/token`) fails with `status` (default 500) with
   * probability `rate` (0 = off), drawn from a generator seeded by the simulator's seed, so a run
   * with the same requests in the same order fails the same ones. A share `afterProcessingShare`
   * (default 0) of those failures happen after the request was processed (the answer is lost).
   */
  setRandomFailureRate(rate: number, options?: { status?: number; afterProcessingShare?: number }): void;
  setLatency(ms: number): void;
  /** 0 = unlimited. */
  setRateLimit(perSecond: number): void;
  /** Lifetime of tokens issued from now on. */
  setTokenTtl(seconds: number): void;
  /**
   * The record's next settlement (after its next push, or its seeded one) ends this way: a failure
   * with `errors` when given, else with the cause standing in the record's way (or a drawn one).
   * A forced success clears the cause.
   */
  forcePushOutcome(recordId: string, outcome: Outcome, errors?: Record<string, unknown>): void;
};

export type Simulator = {
  /** Match any origin, paths under /v1 (e.g. `*\/v1/auth/token`). */
  handlers: RequestHandler[];
  /** `name` as configured; `displayName` is what a client derives from GET /v1/entities. */
  entities: { id: string; name: string; type: 'organization' | 'individual'; displayName: string }[];
  store: SimulatorStore;
  faults: SimulatorFaults;
};

export function createSimulator(options: SimulatorOptions): Simulator {
  if (!isUuid(options.clientId)) {
    throw new Error(
      `Simulator clientId must be a uuid (Monite's client_id format), got "${options.clientId}"`,
    );
  }
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const start = now();
  const specs = options.entities ?? DEFAULT_ENTITIES;
  const entities = specs.map((spec, i) => seedEntity(seed, i, spec, start));
  const store = new RecordStore(
    seed,
    options.pushDelayMs ?? 2000,
    now,
    entities.map((e) => e.id),
    entities.flatMap((e, i) => seedRecords(seed, e.id, specs[i]?.records ?? 0, start)),
    options.bookkeeper,
  );
  const ctx: SimContext = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    now,
    settings: {
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      rateLimitPerSecond: options.rateLimitPerSecond ?? 0,
      latencyMs: options.latencyMs ?? 0,
    },
    entities,
    store,
    documents: new DocumentBook(seed, store, entities),
    tokens: new TokenStore(),
    rateLimiter: new RateLimiter(),
    failures: new FailureQueue(),
    lostAnswers: new PathQueue(),
    lateAnswers: new PathQueue(),
    randomFailures: null,
    requests: [],
  };

  return {
    handlers: [
      authTokenHandler(ctx),
      ...syncedRecordHandlers(ctx),
      entitiesHandler(ctx),
      ...documentHandlers(ctx),
    ],
    entities: entities.map(({ id, name, type, displayName }) => ({ id, name, type, displayName })),
    store: {
      record: (entityId, id) => {
        const entry = store.get(entityId, id);
        return entry && structuredClone(entry.record);
      },
      records: (entityId, objectType) =>
        store
          .all(entityId)
          .filter((e) => !objectType || e.record.object_type === objectType)
          .map((e) => structuredClone(e.record)),
      update: (entityId, id, patch) => structuredClone(store.update(entityId, id, patch).record),
      delete: (entityId, id) => store.delete(entityId, id),
      insert: (entityId, init = {}) => structuredClone(store.insert(entityId, init).record),
      fix: (entityId, id) => structuredClone(store.fix(entityId, id).record),
      issuedTokens: () => ctx.tokens.issued(),
      pushCount: (id) => store.pushCount(id),
      totalPushes: () => store.totalPushes(),
      requests: ctx.requests,
      clearRequests: () => {
        ctx.requests.length = 0;
      },
    },
    faults: {
      expireTokens: () => ctx.tokens.expireAll(now()),
      failNext: (count, status = 500, pathIncludes) => ctx.failures.fail(count, status, pathIncludes),
      failAfterProcessing: (count, status = 500, pathIncludes) => {
        assertServerError('failAfterProcessing', status);
        ctx.lostAnswers.add(count, status, pathIncludes);
      },
      refuseNext: (count, status, message, pathIncludes) =>
        ctx.failures.refuse(count, status, message, pathIncludes),
      throttleNext: (count, retryAfterSeconds = 1, pathIncludes) =>
        ctx.failures.throttle(count, retryAfterSeconds, pathIncludes),
      delayNext: (count, ms, pathIncludes) => {
        if (!(ms >= 0)) throw new Error(`delayNext ms must be ≥ 0, got ${ms}`);
        ctx.lateAnswers.add(count, ms, pathIncludes);
      },
      setRandomFailureRate: (rate, { status = 500, afterProcessingShare = 0 } = {}) => {
        if (!(rate >= 0 && rate <= 1)) throw new Error(`failure rate must be in [0, 1], got ${rate}`);
        if (!(afterProcessingShare >= 0 && afterProcessingShare <= 1)) {
          throw new Error(`afterProcessingShare must be in [0, 1], got ${afterProcessingShare}`);
        }
        assertServerError('setRandomFailureRate', status);
        ctx.randomFailures =
          rate === 0 ? null : { rate, status, afterProcessingShare, rng: rngFrom(seed, 'random-failures') };
      },
      setLatency: (ms) => {
        ctx.settings.latencyMs = ms;
      },
      setRateLimit: (perSecond) => {
        ctx.settings.rateLimitPerSecond = perSecond;
      },
      setTokenTtl: (seconds) => {
        ctx.settings.tokenTtlSeconds = seconds;
      },
      forcePushOutcome: (recordId, outcome, errors) => store.forceOutcome(recordId, { outcome, errors }),
    },
  };
}
