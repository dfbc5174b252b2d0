/**
 * What the benchmarks stand on: a simulator limited to Monite's 30 requests/s, served over
 * loopback HTTP, and the BFF's real parts (client, limiter, database) as `npm start` builds them:
 * an SQLite file in a temporary folder unless a `databaseUrl` is given.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../src/bff/config';
import { addUser } from '../src/bff/auth/users';
import { createDeps, type Deps } from '../src/bff/deps';
import { MoniteClient } from '../src/bff/monite-client';
import { buildServer } from '../src/bff/server';
import { openRateLimiter } from '../src/bff/shared-rate-limiter';
import { MONITE_VERSION } from '../src/monite/schemas';
import { createSimulator, type SimulatorOptions } from '../src/simulator';
import { startSimulatorServer } from '../src/simulator/http-server';

export const MONITE_LIMIT = 30;
/** The BFF's own budget; defaults to Monite's limit here (MONITE_RATE_LIMIT=25 for the shipped default). */
export const BFF_LIMIT = Number(process.env.MONITE_RATE_LIMIT ?? MONITE_LIMIT);

export async function benchSetup(
  records: number,
  options: Partial<SimulatorOptions> = {},
  databaseUrl?: string,
) {
  const credentials = { clientId: randomUUID(), clientSecret: 'bench-secret' };
  const sim = createSimulator({
    ...credentials,
    entities: [{ name: 'Bench Holdings', records }],
    rateLimitPerSecond: MONITE_LIMIT,
    ...options,
  });
  const upstream = await startSimulatorServer(sim);
  const dir = mkdtempSync(join(tmpdir(), 'sync-desk-bench-'));
  const log = pino({ level: 'silent' });
  const database = databaseUrl ?? `sqlite:${join(dir, 'bench.db')}`;
  // On PostgreSQL the budget instances share, in the database (decision 012), as main.ts opens it.
  const rate = await openRateLimiter(database, BFF_LIMIT, log);
  const monite = new MoniteClient(
    {
      ...credentials,
      baseUrl: upstream.url,
      version: MONITE_VERSION,
      timeoutMs: 15_000,
      rateLimitPerSecond: BFF_LIMIT,
    },
    log,
    undefined,
    rate.limiter,
  );
  const deps = await createDeps(loadConfig({ DATABASE_URL: database }), monite, log);
  return {
    sim,
    deps,
    log,
    dir,
    entityId: sim.entities[0]!.id,
    async close() {
      await deps.db.destroy();
      await rate.close();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ACCOUNT = { email: 'bench@example.com', password: 'bench-password-1234' };

/** A fresh session of the bench account (sessions end after 30 idle minutes): its cookie. */
export async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sync-desk': '1', origin: base },
    body: JSON.stringify(ACCOUNT),
  });
  if (!res.ok) throw new Error(`Signing in answered ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** The BFF's HTTP server on a loopback port serving `spaDir`, with a bench account of this role. */
export async function serve(deps: Deps, log: FastifyBaseLogger, spaDir: string, role: 'viewer' | 'operator') {
  await addUser(deps.db, ACCOUNT.email, role, ACCOUNT.password);
  return listen(deps, log, spaDir);
}

/** Another HTTP server over the same parts, serving `spaDir`. */
export async function listen(deps: Deps, log: FastifyBaseLogger, spaDir: string) {
  const app = await buildServer(deps, { logger: log, spaDir });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}
