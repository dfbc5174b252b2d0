/**
 * Issue 10's proof with two real servers: `npm run simulator` in one process, two `src/bff/main.ts`
 * processes on one PostgreSQL over it, and a round-robin proxy in front of them, as a team would
 * run them behind a load balancer. One is killed (SIGKILL) in the middle of a bulk job.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordsPage } from '../contract/api';
import type { PushJob } from '../contract/push-jobs';
import { PUSH_MESSAGES } from '../contract/push-messages';
import { addUser } from './auth';
import { openDatabase } from './db/database';
import { createTestDatabase } from './db/test-postgres';
import { startEntryPoint, startServer, type ChildProcess } from './test/child-process';
import { startRoundRobinProxy, type RoundRobinProxy } from './test/round-robin-proxy';

const PASSWORD = 'correct horse battery staple';
const PUSH = 'POST /accounting_synced_records/:synced_record_id/push';
/** Short leases, so the survivor takes over a dead server's pushes and job within seconds. */
const LEASE_SECONDS = '2';

type Logged = { path: string; operation: string; status: number };

/**
 * Requests to one server (or the proxy) as a browser would send them; clients given one `jar`
 * share its session cookie, as one browser does whichever server answers.
 */
function client(base: string, jar = { cookie: '' }) {
  const origin = new URL(base).origin;
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-sync-desk': '1',
        origin,
        ...(jar.cookie && { cookie: jar.cookie }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length > 0) jar.cookie = set.join('; ');
    return res;
  };
  return {
    jar,
    call,
    signIn: (email: string) => call('/api/session', { method: 'POST', body: { email, password: PASSWORD } }),
  };
}

const urlOf = (server: ChildProcess) => server.ready[1]!;

/** `npm run <tool> -- …` on the servers' database. */
const runTool = (databaseUrl: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/bff/cli/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });

describe('two server processes on one PostgreSQL behind a round-robin proxy', () => {
  let simulator: ChildProcess;
  let a: ChildProcess;
  let b: ChildProcess;
  let proxy: RoundRobinProxy;
  let databaseUrl: string;
  let control: string;
  let entityId: string;

  const startBff = (env: Record<string, string>) =>
    startServer({
      ...env,
      DATABASE_URL: databaseUrl,
      LEASE_SECONDS,
      // Paced, so the job is still sending when A dies.
      MONITE_RATE_LIMIT: '10',
    });

  beforeAll(async () => {
    [simulator, databaseUrl] = await Promise.all([
      startEntryPoint('src/simulator/main.ts', {
        args: ['--port', '0', '--records', '300', '--push-delay-ms', '1000'],
        ready: /^MONITE_VERSION=.*$/m,
      }),
      createTestDatabase(),
    ]);
    const env = Object.fromEntries(
      [...simulator.output().matchAll(/^(MONITE_[A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
    );
    control = env.MONITE_API_URL!.replace(/\/v1$/, '/__simulator');
    entityId = env.MONITE_ENTITY_IDS!.split(',')[0]!;
    const db = await openDatabase(databaseUrl);
    await addUser(db, 'operator@example.com', 'operator', PASSWORD);
    await addUser(db, 'viewer@example.com', 'viewer', PASSWORD);
    await db.destroy();
    [a, b] = await Promise.all([startBff(env), startBff(env)]);
    proxy = await startRoundRobinProxy([urlOf(a), urlOf(b)]);
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.stop(), b?.stop(), simulator?.stop()]);
  });

  it('share a session, and sign out on A at once an account disabled beside B', async () => {
    const onA = client(urlOf(a));
    expect((await onA.signIn('viewer@example.com')).status).toBe(200);
    const onB = client(urlOf(b), onA.jar);
    expect(await (await onB.call('/api/session')).json()).toMatchObject({
      user: { email: 'viewer@example.com' },
    });
    expect((await onB.call(`/api/entities/${entityId}/records`)).status).toBe(200);

    // `npm run users -- disable`, on the database B serves.
    const disabled = runTool(databaseUrl, 'users', 'disable', 'viewer@example.com');
    expect({ status: disabled.status, stderr: disabled.stderr }).toMatchObject({ status: 0 });
    expect((await onA.call(`/api/entities/${entityId}/records`)).status).toBe(401);
  }, 30_000);

  it('finish a bulk job started on A after A is killed mid-job: each record pushed once or reported, the audit intact', async () => {
    const user = client(proxy.url);
    expect((await user.signIn('operator@example.com')).status).toBe(200);
    expect((await user.call(`/api/entities/${entityId}/refresh`, { method: 'POST' })).status).toBe(200);
    const failed = (await (
      await user.call(`/api/entities/${entityId}/records?sync_status=error&limit=200`)
    ).json()) as RecordsPage;
    const ids = failed.data.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    // Monite acts on each push, but answers two seconds late: A dies with pushes sent and unanswered.
    await fetch(`${control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'delayNext', count: 1000, ms: 2000, path: '/push' }),
    });
    await fetch(`${control}/requests`, { method: 'DELETE' });
    const pushes = async () => {
      const { requests } = (await (await fetch(`${control}/requests/log`)).json()) as { requests: Logged[] };
      return requests.filter((r) => r.operation === PUSH && r.status >= 200 && r.status < 300);
    };

    const started = await client(urlOf(a), user.jar).call(`/api/entities/${entityId}/push-jobs`, {
      method: 'POST',
      body: { ids },
    });
    expect(started.status).toBe(201);
    const jobId = ((await started.json()) as PushJob).id;
    await vi.waitFor(async () => expect((await pushes()).length).toBeGreaterThanOrEqual(4), {
      timeout: 20_000,
      interval: 100,
    });
    await a.stop('SIGKILL');
    expect((await pushes()).length).toBeLessThan(ids.length);

    // Through the proxy, which now reaches B alone: B resumes the job once A's leases lapse.
    const job = await vi.waitFor(
      async () => {
        const res = await user.call(`/api/entities/${entityId}/push-jobs/${jobId}`);
        const now = (await res.json()) as PushJob;
        expect(now.state).toBe('finished');
        return now;
      },
      { timeout: 40_000, interval: 500 },
    );
    expect(job.counts.queued + job.counts.pushing).toBe(0);
    const perRecord = new Map<string, number>();
    for (const p of await pushes()) {
      const id = p.path.split('/').at(-2)!;
      perRecord.set(id, (perRecord.get(id) ?? 0) + 1);
    }
    const reported = new Set(job.problems.map((p) => p.record_id));
    for (const id of ids) {
      const sent = perRecord.get(id) ?? 0;
      expect(sent === 1 || (sent === 0 && reported.has(id)), `${id}: pushed ${sent} times`).toBe(true);
    }

    const verified = runTool(databaseUrl, 'audit', 'verify');
    expect({ status: verified.status, stdout: verified.stdout }).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^Audit log intact/),
    });

    // A's unanswered pushes read "outcome unknown", then where they settled.
    const db = await openDatabase(databaseUrl);
    try {
      const results = await db
        .selectFrom('audit_entry')
        .select(['started_id', 'action', 'data'])
        .where('action', 'in', ['push_result', 'push_settled'])
        .execute();
      const unknown = results.filter(
        (r) => r.action === 'push_result' && JSON.parse(r.data).outcome === 'unknown',
      );
      expect(unknown.length).toBeGreaterThan(0);
      for (const u of unknown) expect(JSON.parse(u.data).reason).toBe(PUSH_MESSAGES.answerLost);
      const settled = new Set(results.filter((r) => r.action === 'push_settled').map((r) => r.started_id));
      expect(unknown.filter((u) => !settled.has(u.started_id))).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
