/**
 * Shared rate budget benchmark (prints figures; not a test). Two instances' Monite clients send
 * bulk reads as fast as their limiters let them, against one simulator that enforces the limit as
 * Monite does (one-second windows, 429 over it), while instance B also sends a person's read every
 * 300 ms. Prints what the simulator received per whole second (max, mean as % of the limit) and
 * its 429s, and how long B's clicks waited for a turn, for:
 *   - one process with the in-memory limiter (the baseline);
 *   - two processes each with the in-memory limiter (what two instances did before issue 10);
 *   - two processes sharing the budget in one embedded PostgreSQL (shared-rate-limiter.ts);
 *   - two processes where one (the "elected leader") holds the in-memory limiter and the other asks
 *     it for each turn over loopback HTTP: design (b) of docs/decisions/012-shared-rate-budget.md,
 *     without the election (a lease), which costs nothing while the leader lives.
 * Each instance has a database connection of its own, as two servers would; they share this
 * process's event loop. Run: npm run bench:rate   (MONITE_RATE_LIMIT, default 25; BENCH_SECONDS, default 10)
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { openDatabase } from '../src/bff/db/database';
import { startTestPostgres } from '../src/bff/db/test-postgres';
import { MoniteClient } from '../src/bff/monite-client';
import { PRIORITIES, RateLimiter, type Limiter } from '../src/bff/rate-limiter';
import { openRateLimiter } from '../src/bff/shared-rate-limiter';
import { MONITE_VERSION } from '../src/monite/schemas';
import { createSimulator } from '../src/simulator';
import { startSimulatorServer } from '../src/simulator/http-server';

const LIMIT = Number(process.env.MONITE_RATE_LIMIT ?? 25);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Bulk reads each instance keeps waiting at once (a bulk job's and the refresher's). */
const BULK_CONCURRENCY = 8;
const CLICK_EVERY_MS = 300;

const log = pino({ level: 'silent' });
const credentials = { clientId: randomUUID(), clientSecret: 'bench-secret' };
const sim = createSimulator({
  ...credentials,
  entities: [{ name: 'Bench Holdings', records: 200 }],
  rateLimitPerSecond: LIMIT,
});
const upstream = await startSimulatorServer(sim);
const entityId = sim.entities[0]!.id;
const config = {
  ...credentials,
  baseUrl: upstream.url,
  version: MONITE_VERSION,
  timeoutMs: 15_000,
  rateLimitPerSecond: LIMIT,
};
const read = (client: MoniteClient, priority: 'interactive' | 'bulk') =>
  client.listRecords(entityId, { object_type: 'receivable', limit: 1 }, { priority }).catch(() => undefined);

/** Runs the instances for SECONDS: bulk reads on all, clicks on the last. */
async function run(name: string, limiters: Limiter[]): Promise<void> {
  const clients = limiters.map((limiter) => new MoniteClient(config, log, undefined, limiter));
  await Promise.all(clients.map((c) => c.accessToken()));
  // A fresh window: the token requests above are not counted.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  sim.store.clearRequests();
  const from = Date.now();
  const until = from + SECONDS * 1000;
  const bulk = clients.flatMap((client) =>
    Array.from({ length: BULK_CONCURRENCY }, async () => {
      while (Date.now() < until) await read(client, 'bulk');
    }),
  );
  const waits: number[] = [];
  const clicks = (async () => {
    while (Date.now() < until) {
      const started = performance.now();
      await read(clients.at(-1)!, 'interactive');
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, CLICK_EVERY_MS));
    }
  })();
  await Promise.all([...bulk, clicks]);

  const requests = sim.store.requests.filter((r) => Date.parse(r.at) < until);
  const perSecond = new Map<number, number>();
  for (const r of requests) {
    const second = Math.floor(Date.parse(r.at) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  // Whole seconds only: the first and last are partly outside the run.
  const whole = [...perSecond.entries()]
    .filter(([s]) => s * 1000 >= from && (s + 1) * 1000 <= until)
    .map(([, n]) => n);
  const mean = whole.reduce((a, b) => a + b, 0) / whole.length;
  const throttled = requests.filter((r) => r.status === 429).length;
  const sorted = waits.toSorted((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(
    `${name.padEnd(44)} max ${String(Math.max(...whole)).padStart(3)}/s  mean ${((100 * mean) / LIMIT).toFixed(0).padStart(3)}% of ${LIMIT}/s  429s ${String(throttled).padStart(4)}  click p50 ${p(0.5).toFixed(0)} ms, max ${p(1).toFixed(0)} ms`,
  );
}

/** The leader's limiter, and a follower asking it over HTTP for each turn and to share each pause. */
async function electedLimiter(): Promise<{ limiters: Limiter[]; close(): Promise<void> }> {
  const leader = new RateLimiter(LIMIT);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://leader');
    const until = Number(url.searchParams.get('pause'));
    if (until > 0) leader.pauseUntil(until);
    const priority = PRIORITIES.find((p) => p === url.searchParams.get('priority'));
    void (priority ? leader.take(priority) : Promise.resolve()).then(() => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const follower: Limiter = {
    take: async (priority = 'interactive') => void (await fetch(`${base}?priority=${priority}`)),
    pauseUntil: (until) => void fetch(`${base}?pause=${until}`).catch(() => undefined),
  };
  return {
    limiters: [leader, follower],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

console.log(
  `${SECONDS} s each; simulator enforcing ${LIMIT} req/s in one-second windows; ${BULK_CONCURRENCY} bulk reads waiting per instance, a click every ${CLICK_EVERY_MS} ms on the last`,
);
await run('one process, in-memory limiter', [new RateLimiter(LIMIT)]);
await run('two processes, in-memory limiter each', [new RateLimiter(LIMIT), new RateLimiter(LIMIT)]);
const elected = await electedLimiter();
await run('two processes, one elected limiter (HTTP)', elected.limiters);
await elected.close();

const postgres = await startTestPostgres();
try {
  const url = await postgres.createDatabase();
  await (await openDatabase(url)).destroy();
  const shared = await Promise.all([1, 2].map(() => openRateLimiter(url, LIMIT, log)));
  await run(
    'two processes, shared budget on PostgreSQL',
    shared.map((s) => s.limiter),
  );
  await Promise.all(shared.map((s) => s.close()));
} finally {
  await postgres.stop();
  await upstream.close();
}
