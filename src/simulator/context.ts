/** The state every handler shares: one object per simulator, so simulators never leak into each other. */
import type { SimEntity } from './entities';
import type { FailureQueue } from './failure-queue';
import type { RateLimiter } from './rate-limiter';
import type { RecordStore } from './record-store';
import type { TokenStore } from './tokens';

export type RequestLogEntry = {
  /** ISO time the request arrived (simulator clock). */
  at: string;
  method: string;
  /** e.g. `/v1/accounting_synced_records` */
  path: string;
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
  tokens: TokenStore;
  rateLimiter: RateLimiter;
  failures: FailureQueue;
  requests: RequestLogEntry[];
};
