/**
 * A BFF wired to a fresh simulator through msw/node (no network) and a fresh database (in-memory
 * SQLite, or PostgreSQL in the `node-postgres` test project: ./database.ts). Any request the simulator does not handle fails the test, and so does any response
 * the BFF sends that its OpenAPI document does not describe. `createBff` builds one without
 * installing the simulator's handlers, for test setups that own their msw server (the SPA's tests
 * in src/app/test).
 */
import { Writable } from 'node:stream';
import type { RouteOptions } from 'fastify';
import { setupServer } from 'msw/node';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ROLES, type Role } from '../../contract/session';
import { MONITE_VERSION } from '../../monite/schemas';
import { addUser } from '../auth';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { loadConfig } from '../config';
import { createDeps, type Instance } from '../deps';
import { MoniteClient } from '../monite-client';
import { DEFAULT_JOB_OPTIONS, PushJobs, type JobOptions } from '../push/jobs';
import { buildServer } from '../server';
import { testDatabaseUrl } from './database';
import { checkResponsesAgainstOpenApi } from './openapi-responses';

export const MONITE_URL = 'https://api.sandbox.monite.com/v1';
export const CLIENT_ID = '0b7c5d2e-5a43-4c1e-9a55-6d0f3f1c2b11';
export const CLIENT_SECRET = 'test-secret-never-shown-anywhere';

export const PASSWORD = 'correct horse battery staple';
/** What Sync Desk's own pages send with a state-changing request (inject's default host is localhost:80). */
export const SAME_ORIGIN = { 'x-sync-desk': '1', origin: 'http://localhost' };

/** Jobs that look for settled records often and stop watching soon, so tests end quickly. */
export const FAST_JOBS = {
  ...DEFAULT_JOB_OPTIONS,
  settleWhilePushingMs: 50,
  settleAfterPushingMs: 20,
  settleTimeoutMs: 1000,
};

const msw = setupServer();
const responseProblems: string[] = [];

/** The responses so far that /api/openapi.json does not describe (and forgets them). */
export const takeResponseProblems = (): string[] => responseProblems.splice(0);

/** Registers the msw lifecycle for a test file; call `startBff` in each test. */
export function useSimulatedMonite(): void {
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    msw.resetHandlers();
    expect(takeResponseProblems(), 'responses /api/openapi.json does not describe').toEqual([]);
  });
  afterAll(() => msw.close());
}

export type BffOptions = {
  /** Requests per second the BFF sends to Monite. Default 1000. */
  rateLimit?: number;
  /** How long the BFF waits for Monite. Default 2000. */
  timeoutMs?: number;
  /** Default FAST_JOBS. */
  jobs?: JobOptions;
  /** Who has an account (`<role>@example.com`, PASSWORD). Default: one of each role. */
  roles?: readonly Role[];
  /** The built SPA to serve. Default: none. */
  spaDir?: string;
  /** Default a fresh database (./database.ts). */
  databaseUrl?: string;
  /** This BFF as one server process among several on its database (deps.ts). */
  instance?: Instance;
  /** Called for each route the app adds. */
  onRoute?: (route: RouteOptions) => void;
  /** Another BFF whose simulator and database (with its accounts) this one shares, as a second instance. */
  join?: { sim: Simulator; databaseUrl: string };
};

/** A BFF over the simulator (whose `handlers` the caller installs) and a fresh database. */
export async function createBff(options: Partial<SimulatorOptions> = {}, bffOptions: BffOptions = {}) {
  const { join } = bffOptions;
  const sim =
    join?.sim ??
    createSimulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      entities: [{ name: 'Test Trading GmbH', records: 300 }],
      pushDelayMs: 50,
      // Unthrottled by default: the simulator's RateLimit headers would otherwise pace fast tests.
      rateLimitPerSecond: 1000,
      ...options,
    });

  let logs = '';
  const log = pino(
    { level: 'trace' },
    new Writable({
      write(chunk, _encoding, done) {
        logs += String(chunk);
        done();
      },
    }),
  );
  const monite = new MoniteClient(
    {
      baseUrl: MONITE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      version: MONITE_VERSION,
      timeoutMs: bffOptions.timeoutMs ?? 2000,
      rateLimitPerSecond: bffOptions.rateLimit ?? 1000,
      readRetryDelayMs: 10,
    },
    log,
  );
  const databaseUrl = join?.databaseUrl ?? bffOptions.databaseUrl ?? (await testDatabaseUrl());
  const deps = await createDeps(loadConfig({ DATABASE_URL: databaseUrl }), monite, log, bffOptions.instance);
  deps.settings.pushRetryDelayMs = 10;
  deps.jobs = new PushJobs(deps, log, bffOptions.jobs ?? FAST_JOBS);
  // Password hashing (scrypt, on libuv's thread pool) is most of a start: overlap it with the app's.
  const [app] = await Promise.all([
    buildServer(deps, {
      logger: log,
      spaDir: bffOptions.spaDir ?? '/nonexistent',
      ...(bffOptions.onRoute && { onRoute: bffOptions.onRoute }),
    }),
    Promise.all(
      (join ? [] : (bffOptions.roles ?? ROLES)).map((role) =>
        addUser(deps.db, `${role}@example.com`, role, PASSWORD),
      ),
    ),
  ]);
  checkResponsesAgainstOpenApi(app, responseProblems);
  const entityId = sim.entities[0]!.id;

  /** Signs in as `role` and returns headers that make a same-origin request with that session. */
  async function signIn(role: Role = 'operator'): Promise<typeof SAME_ORIGIN & { cookie: string }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: SAME_ORIGIN,
      payload: { email: `${role}@example.com`, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { ...SAME_ORIGIN, cookie };
  }

  return {
    signIn,
    sim,
    databaseUrl,
    app,
    deps,
    monite,
    entityId,
    logs: () => logs,
    close: async () => {
      await app.close();
      await deps.db.destroy();
    },
  };
}

/** `createBff` with the simulator answering through this file's msw server (`useSimulatedMonite`). */
export async function startBff(options: Partial<SimulatorOptions> = {}, bffOptions: BffOptions = {}) {
  const bff = await createBff(options, bffOptions);
  msw.use(...bff.sim.handlers);
  return bff;
}

export type Bff = Awaited<ReturnType<typeof createBff>>;

/** The first `n` records Monite has failed, once the mirror has them. */
export async function failedIds(bff: Bff, n: number): Promise<string[]> {
  await bff.deps.refresher.refresh(bff.entityId);
  return bff.sim.store
    .records(bff.entityId)
    .filter((r) => r.sync_status === 'error')
    .slice(0, n)
    .map((r) => r.id);
}
