/** The state every handler shares: one object per simulator, so simulators never leak into each other. */
import type { DocumentBook } from './documents';
import type { SimEntity } from './entities';
import type { FailureQueue, PathQueue } from './failure-queue';
import type { Rng } from './random';
import type { RateLimiter } from './rate-limiter';
import type { RecordStore } from './record-store';
import type { TokenStore } from './tokens';

export type RequestLogEntry = {
  /** ISO time the request arrived (simulator clock). */
  at: string;
  method: string;
  /** e.g. `/v1/accounting_synced_records` */
  path: string;
  /** The route it matched, e.g. `POST /accounting_synced_records/:synced_record_id/push`. */
  operation: string;
  query: URLSearchParams;
  /** Lower-cased names, as `Headers` gives them. */
  headers: Record<string, string>;
  /** The status answered; 0 while the request is in progress. */
  status: number;
};

export type Settings = {
  tokenTtlSeconds: number;
  rateLimitPerSecond: number;
  latencyMs: number;
};

export type SimContext = {
  clientId: string;
  clientSecret: string;
  now: () => number;
  settings: Settings;
  entities: readonly SimEntity[];
  store: RecordStore;
  /** The documents behind the records, built from the store when asked for. */
  documents: DocumentBook;
  tokens: TokenStore;
  rateLimiter: RateLimiter;
  /** Answered before the request is processed (5xx, or the gateway's 429). */
  failures: FailureQueue;
  /** Processed, then answered with this 5xx instead of the real answer. */
  lostAnswers: PathQueue<number>;
  /** Processed at once, answered this many ms later. */
  lateAnswers: PathQueue<number>;
  /** Random 5xx on API calls (not `POST /auth/token`); null = off. */
  randomFailures: RandomFailures | null;
  requests: RequestLogEntry[];
};

export type RandomFailures = {
  /** Probability in [0, 1] that an API call fails. */
  rate: number;
  status: number;
  /** Share of the failures that happen after the request was processed (the answer is lost). */
  afterProcessingShare: number;
  rng: Rng;
};
