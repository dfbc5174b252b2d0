/**
 * What both benchmarks stand on: a simulator limited to Monite's 30 requests/s, served over
 * loopback HTTP, and the BFF's real parts (client, limiter, SQLite file) in a temporary folder.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/bff/config';
import { createDeps } from '../src/bff/deps';
import { MoniteClient } from '../src/bff/monite-client';
import { MONITE_VERSION } from '../src/monite/schemas';
import { createSimulator, type SimulatorOptions } from '../src/simulator';
import { startSimulatorServer } from '../src/simulator/http-server';

export const MONITE_LIMIT = 30;
/** The BFF's own budget; defaults to Monite's limit here (MONITE_RATE_LIMIT=25 for the shipped default). */
export const BFF_LIMIT = Number(process.env.MONITE_RATE_LIMIT ?? MONITE_LIMIT);

export async function benchSetup(records: number, options: Partial<SimulatorOptions> = {}) {
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
  const monite = new MoniteClient(
    {
      ...credentials,
      baseUrl: upstream.url,
      version: MONITE_VERSION,
      timeoutMs: 15_000,
      rateLimitPerSecond: BFF_LIMIT,
    },
    log,
  );
  const deps = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` }), monite, log);
  return {
    sim,
    deps,
    log,
    dir,
    entityId: sim.entities[0]!.id,
    async close() {
      await deps.db.destroy();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
