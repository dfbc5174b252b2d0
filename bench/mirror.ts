/**
 * Mirror benchmark (prints figures; not a test). A simulator with 100,000 records in one entity,
 * rate-limited to 30 requests/s like Monite, served over loopback HTTP:
 *   - full-scan time and records/s against the rate-limit bound (30 × page size)
 *   - upstream requests of an incremental refresh when nothing changed
 *   - list endpoint p50/p95 (with facets) per filter, against /healthz measured in the same run
 * Run: npm run bench   (RECORDS=20000 npm run bench for a quicker pass)
 */
import { addUser } from '../src/bff/auth/users';
import { PAGE_SIZE } from '../src/bff/mirror/refresher';
import { buildServer } from '../src/bff/server';
import { benchSetup, BFF_LIMIT, MONITE_LIMIT } from './setup';

const RECORDS = Number(process.env.RECORDS ?? 100_000);
const SAMPLES = 300;

const { sim, deps, log, dir, entityId, close } = await benchSetup(RECORDS);
await addUser(deps.db, 'bench@example.com', 'viewer', 'bench-password-1234');
const app = await buildServer(deps, { logger: log, spaDir: dir });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const signIn = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-sync-desk': '1', origin: base },
  body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-1234' }),
});
const session = { cookie: signIn.headers.getSetCookie()[0]!.split(';')[0]! };

const listCalls = () =>
  sim.store.requests.filter((r) => r.path.endsWith('/accounting_synced_records')).length;
const throttled = () => sim.store.requests.filter((r) => r.status === 429).length;

// Full scan.
let started = performance.now();
await deps.refresher.refresh(entityId);
const scanSeconds = (performance.now() - started) / 1000;
const perSecond = RECORDS / scanSeconds;
const bound = MONITE_LIMIT * PAGE_SIZE;
console.log(
  `records: ${RECORDS.toLocaleString('en')} in one entity; Monite limit ${MONITE_LIMIT} req/s; BFF limiter ${BFF_LIMIT} req/s`,
);
console.log(
  `full scan: ${scanSeconds.toFixed(1)} s, ${Math.round(perSecond)} records/s = ${((100 * perSecond) / bound).toFixed(0)}% of the bound ${bound}/s (goal ≥ 90%); ${listCalls()} list requests, ${throttled()} answered 429`,
);

// Incremental refresh with nothing changed.
const before = listCalls();
started = performance.now();
await deps.refresher.refresh(entityId);
console.log(
  `incremental refresh, nothing changed: ${listCalls() - before} requests for 6 object types (goal ≤ 6), ${(performance.now() - started).toFixed(0)} ms`,
);

// List latency.
async function timeIt(path: string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await fetch(base + path, { headers: session });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(SAMPLES * 0.5)]!, p95: times[Math.floor(SAMPLES * 0.95)]! };
}

const records = `/api/entities/${entityId}/records`;
/** The cursor of the deepest page up to 20 pages of 200 in (fewer on a small entity). */
const deep = await (async () => {
  let cursor = '';
  let depth = 0;
  while (depth < 20 * 200) {
    const res: Response = await fetch(
      `${base}${records}?sync_status=&limit=200${cursor && `&cursor=${cursor}`}`,
      {
        headers: session,
      },
    );
    const next = ((await res.json()) as { next_cursor: string | null }).next_cursor;
    if (!next) break;
    cursor = next;
    depth += 200;
  }
  return { cursor, depth };
})();

const baseline = await timeIt('/healthz');
console.log(`\nlatency over ${SAMPLES} sequential requests (ms); ratio = p95 / baseline p95`);
console.log(
  `  baseline GET /healthz                 p50 ${baseline.p50.toFixed(2)}  p95 ${baseline.p95.toFixed(2)}`,
);
const cases: [string, string][] = [
  ['no filter', '?sync_status='],
  ['failed only', '?sync_status=error'],
  ['failed + provider', '?sync_status=error&provider=codat'],
  ['one object type', '?sync_status=&object_type=bill'],
  [
    `deep cursor page (${deep.depth.toLocaleString('en')} in)`,
    `?sync_status=&limit=200&cursor=${deep.cursor}`,
  ],
  ['empty combination', '?sync_status=pending&platform=quickbooks&object_type=product&provider=codat'],
];
for (const [name, query] of cases) {
  const t = await timeIt(records + query);
  console.log(
    `  ${name.padEnd(36)} p50 ${t.p50.toFixed(2)}  p95 ${t.p95.toFixed(2)}  (${(t.p95 / baseline.p95).toFixed(1)}× baseline; goal p95 ≤ 25 ms)`,
  );
}

await app.close();
await close();
