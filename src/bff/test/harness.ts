/**
 * A BFF wired to a fresh simulator through msw/node (no network) and an in-memory SQLite
 * database. Any request the simulator does not handle fails the test.
 */
import { Writable } from 'node:stream';
import { setupServer } from 'msw/node';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { MONITE_VERSION } from '../../monite/schemas';
import { createSimulator, type SimulatorOptions } from '../../simulator';
import { createDeps } from '../deps';
import { MoniteClient } from '../monite-client';
import { buildServer } from '../server';

export const MONITE_URL = 'https://api.sandbox.monite.com/v1';
export const CLIENT_ID = '0b7c5d2e-5a43-4c1e-9a55-6d0f3f1c2b11';
export const CLIENT_SECRET = 'test-secret-never-shown-anywhere';

const msw = setupServer();

/** Registers the msw lifecycle for a test file; call `startBff` in each test. */
export function useSimulatedMonite(): void {
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => msw.resetHandlers());
  afterAll(() => msw.close());
}

export async function startBff(
  options: Partial<SimulatorOptions> = {},
  bffOptions: { rateLimit?: number } = {},
) {
  const sim = createSimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    entities: [{ name: 'Test Trading GmbH', records: 300 }],
    pushDelayMs: 50,
    ...options,
  });
  msw.use(...sim.handlers);

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
      timeoutMs: 2000,
      rateLimitPerSecond: bffOptions.rateLimit ?? 1000,
    },
    log,
  );
  const deps = await createDeps(
    { databaseUrl: 'sqlite::memory:', entityIds: [], mirrorRefreshMs: 30_000 },
    monite,
    log,
  );
  const app = await buildServer(deps, { logger: log, spaDir: '/nonexistent' });
  const entityId = sim.entities[0]!.id;
  return {
    sim,
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
