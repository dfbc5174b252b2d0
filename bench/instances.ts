/**
 * Two instances benchmark (prints figures; not a test). `npm run simulator` limited to Monite's
 * 30 requests/s, two `src/bff/main.ts` processes on one embedded PostgreSQL sharing the request
 * budget, a round-robin proxy in front (src/bff/test/round-robin-proxy.ts). 1,000 failed records
 * are bulk-pushed through instance A while "people" push single records and read lists through
 * instance B. Everything printed is measured: upstream rate, duplicates and 429s from the
 * simulator's request log, click latency from the people loop, beside /healthz in the same run.
 * Run: npm run bench:instances   (MONITE_RATE_LIMIT=25 to see the BFF's default budget)
 */
import { startEntryPoint, startServer, type ChildProcess } from '../src/bff/test/child-process';
import { startRoundRobinProxy } from '../src/bff/test/round-robin-proxy';
import { openDatabase } from '../src/bff/db/database';
import { startTestPostgres } from '../src/bff/db/test-postgres';
import { addUser } from '../src/bff/auth/users';
import type { RecordsPage } from '../src/contract/api';
import type { PushJob } from '../src/contract/push-jobs';
import { BFF_LIMIT, MONITE_LIMIT } from './setup';

const RECORDS = 1000;
const PASSWORD = 'bench-password-1234';
const PUSH = 'POST /accounting_synced_records/:synced_record_id/push';
/** How often a person acts (a list read, a push, or the /healthz baseline, in turn). */
const PERSON_EVERY_MS = 300;

type Logged = { at: string; path: string; operation: string; status: number };

const json = async <T>(res: Promise<Response>) => (await (await res).json()) as T;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** What was started, stopped in reverse even when the run fails (no process left behind). */
const stops: (() => Promise<unknown>)[] = [];
const children = new Map<string, ChildProcess>();
try {
  const postgres = await startTestPostgres();
  stops.push(() => postgres.stop());
  const databaseUrl = await postgres.createDatabase();
  // 15,000 records over the two default entities (4 : 1): about 1,200 failed in the first.
  const simulator = await startEntryPoint('src/simulator/main.ts', {
    args: [
      '--port',
      '0',
      '--records',
      '15000',
      '--rate-limit',
      String(MONITE_LIMIT),
      '--push-delay-ms',
      '2000',
    ],
    ready: /^MONITE_VERSION=.*$/m,
  });
  stops.push(() => simulator.stop());
  children.set('simulator', simulator);
  const env = Object.fromEntries(
    [...simulator.output().matchAll(/^(MONITE_[A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
  );
  const control = env.MONITE_API_URL!.replace(/\/v1$/, '/__simulator');
  const entityId = env.MONITE_ENTITY_IDS!.split(',')[0]!;
  const setupDb = await openDatabase(databaseUrl);
  await addUser(setupDb, 'bench@example.com', 'operator', PASSWORD);
  await setupDb.destroy();

  const servers: ChildProcess[] = await Promise.all(
    ['a', 'b'].map(() =>
      startServer({ ...env, DATABASE_URL: databaseUrl, MONITE_RATE_LIMIT: String(BFF_LIMIT) }),
    ),
  );
  stops.push(() => Promise.all(servers.map((s) => s.stop())));
  servers.forEach((server, i) => children.set(i === 0 ? 'A' : 'B', server));
  const [a, b] = servers.map((s) => s.ready[1]!) as [string, string];
  const proxy = await startRoundRobinProxy([a, b]);
  stops.push(() => proxy.close());

  let cookie = '';
  const call = async (base: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-sync-desk': '1',
        origin: new URL(base).origin,
        ...(cookie && { cookie }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length > 0) cookie = set.join('; ');
    return res;
  };

  await call(proxy.url, '/api/session', {
    method: 'POST',
    body: { email: 'bench@example.com', password: PASSWORD },
  });
  await call(proxy.url, `/api/entities/${entityId}/refresh`, { method: 'POST' });
  const failed: string[] = [];
  for (let cursor: string | null = ''; cursor !== null && failed.length < RECORDS + 200;) {
    const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: RecordsPage = await json(
      call(proxy.url, `/api/entities/${entityId}/records?sync_status=error&limit=200${after}`),
    );
    failed.push(...page.data.map((r) => r.id));
    cursor = page.next_cursor;
  }
  if (failed.length < RECORDS + 50) throw new Error(`only ${failed.length} failed records seeded`);
  const jobIds = failed.slice(0, RECORDS);
  const peoplesIds = failed.slice(RECORDS);
  await fetch(`${control}/requests`, { method: 'DELETE' });

  // The job, through A.
  const created = await call(a, `/api/entities/${entityId}/push-jobs`, {
    method: 'POST',
    body: { ids: jobIds },
  });
  if (created.status !== 201)
    throw new Error(`the job was not created: ${created.status} ${await created.text()}`);
  const job = (await created.json()) as PushJob;
  // People, through B, until the job has sent everything.
  const sending = { now: true };
  const latency = { push: [] as number[], list: [] as number[], healthz: [] as number[] };
  /** Answers 5xx from either server: there should be none. */
  const serverErrors: string[] = [];
  const people = (async () => {
    for (let turn = 0; sending.now; turn++) {
      const kind = (['list', 'push', 'healthz'] as const)[turn % 3]!;
      const path =
        kind === 'list'
          ? `/api/entities/${entityId}/records?sync_status=error&limit=50`
          : kind === 'push'
            ? `/api/entities/${entityId}/records/${peoplesIds[Math.floor(turn / 3) % peoplesIds.length]}/push`
            : '/healthz';
      const started = performance.now();
      const res = await call(b, path, { method: kind === 'push' ? 'POST' : 'GET' });
      await res.arrayBuffer();
      latency[kind].push(performance.now() - started);
      if (res.status >= 500) serverErrors.push(`${kind}: ${res.status}`);
      await new Promise((resolve) => setTimeout(resolve, PERSON_EVERY_MS));
    }
  })();
  people.catch(() => {}); // its failure is thrown where it is awaited, below
  for (;;) {
    const res = await call(proxy.url, `/api/entities/${entityId}/push-jobs/${job.id}`);
    if (res.status >= 500) serverErrors.push(`job poll: ${res.status}`);
    else {
      const now = (await res.json()) as PushJob;
      if (now.counts.queued + now.counts.pushing === 0) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  sending.now = false;
  await people;

  const { requests } = (await (await fetch(`${control}/requests/log`)).json()) as { requests: Logged[] };
  const pushes = requests.filter((r) => r.operation === PUSH);
  const times = pushes.map((r) => Date.parse(r.at));
  // The window the job was sending in, by the simulator's clock: its first push to its last.
  const [from, to] = [Math.min(...times), Math.max(...times)];
  const inWindow = requests.filter((r) => Date.parse(r.at) >= from && Date.parse(r.at) <= to);
  const seconds = (to - from) / 1000;
  const rate = inWindow.length / seconds;
  const perSecond = new Map<string, number>();
  for (const r of inWindow) perSecond.set(r.at.slice(0, 19), (perSecond.get(r.at.slice(0, 19)) ?? 0) + 1);
  // Whole seconds only: the window's first and last are cut.
  const mostInASecond = Math.max(...[...perSecond.values()].slice(1, -1));
  const accepted = new Map<string, number>();
  for (const r of pushes.filter((p) => p.status >= 200 && p.status < 300)) {
    const id = r.path.split('/').at(-2)!;
    accepted.set(id, (accepted.get(id) ?? 0) + 1);
  }
  const duplicates = [...accepted.values()].reduce((sum, n) => sum + n - 1, 0);
  const throttled = requests.filter((r) => r.status === 429).length;

  const summary = (xs: number[]) => {
    const sorted = xs.toSorted((x, y) => x - y);
    return `p50 ${pct(sorted, 0.5).toFixed(0)} ms, p95 ${pct(sorted, 0.95).toFixed(0)} ms (${sorted.length})`;
  };

  console.log(
    `two instances on one PostgreSQL behind a round-robin proxy; simulator limit ${MONITE_LIMIT} req/s, each BFF's MONITE_RATE_LIMIT ${BFF_LIMIT}`,
  );
  console.log(
    `${RECORDS} failed records bulk-pushed through A, a person acting every ${PERSON_EVERY_MS} ms through B`,
  );
  console.log(
    `upstream, while the job sent (${seconds.toFixed(1)} s, simulator's log): ${inWindow.length} requests = ${rate.toFixed(1)}/s = ${((100 * rate) / MONITE_LIMIT).toFixed(0)}% of the limit (goal ≥ 90%, ≤ 100%); most in one second ${mostInASecond}`,
  );
  console.log(
    `push requests ${pushes.length}, records pushed ${accepted.size}, duplicate pushes ${duplicates}, 429s received ${throttled}`,
  );
  console.log(
    `5xx answered to the people and the job's poll: ${serverErrors.length} ${serverErrors.join(', ')}`,
  );
  console.log(`person's push through B: ${summary(latency.push)}`);
  console.log(`person's list read through B: ${summary(latency.list)}`);
  console.log(`/healthz through B (baseline): ${summary(latency.healthz)}`);
} catch (error) {
  // What the servers said is the first thing to read when a run fails.
  for (const [name, child] of children) console.error(`--- ${name}:\n${child.output().slice(-3000)}`);
  throw error;
} finally {
  for (const stop of stops.toReversed()) await stop();
}
