/**
 * Two server processes on one PostgreSQL database, over one simulated Monite, behave as one
 * (issue 10): sessions, lockouts and the per-address sign-in limit are shared, a record is pushed
 * once however many servers are asked, a job whose server died is finished by the other, and an
 * entity is scanned once.
 * Both run in this process with their own database connections and instance ids.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PushJob } from '../contract/push-jobs';
import { verifyChain } from './audit';
import { disableUser } from './auth';
import { createTestDatabase } from './db/test-postgres';
import type { Instance } from './deps';
import {
  createBff,
  failedIds,
  PASSWORD,
  SAME_ORIGIN,
  startBff,
  useSimulatedMonite,
  type Bff,
  type BffOptions,
} from './test/harness';
import type { SimulatorOptions } from '../simulator';

useSimulatedMonite();

const LEASE_MS = 30_000;

/** One of the test's instances, its leases by the clock `now`. */
const instance = (id: string, now: () => number): Instance => ({
  id,
  server: false,
  leases: { ttlMs: LEASE_MS, now },
  pollMs: 20,
});

/** Instances A and B; B's clock runs `skew.ms` ahead of A's, to see A's leases lapse. */
async function twoInstances(sim: Partial<SimulatorOptions> = {}, options: BffOptions = {}) {
  const skew = { ms: 0 };
  const databaseUrl = await createTestDatabase();
  // Patient with Monite, so a busy machine does not make a read time out and go out twice.
  options = { timeoutMs: 10_000, ...options };
  const a = await startBff(sim, { ...options, databaseUrl, instance: instance('a', Date.now) });
  const b = await createBff(sim, {
    ...options,
    join: a,
    instance: instance('b', () => Date.now() + skew.ms),
  });
  return { a, b, skew, close: () => Promise.all([a.close(), b.close()]) };
}

/** A sign-in attempt with a password, as from the sign-in page. */
const attemptSignIn = (bff: Bff, email: string, password: string) =>
  bff.app.inject({ method: 'POST', url: '/api/session', headers: SAME_ORIGIN, payload: { email, password } });

const pushThrough = (bff: Bff, recordId: string, headers: Record<string, string>) =>
  bff.app.inject({ method: 'POST', url: `/api/entities/${bff.entityId}/records/${recordId}/push`, headers });

describe('two instances on one PostgreSQL database', () => {
  it('share sessions, sign-outs of disabled accounts and lockouts', async () => {
    const { a, b, close } = await twoInstances();
    const headers = await a.signIn('operator');
    const whoOnB = await b.app.inject({ url: '/api/session', headers });
    expect(whoOnB.json().user).toMatchObject({ email: 'operator@example.com' });

    await disableUser(b.deps.db, 'operator@example.com');
    const afterDisable = await a.app.inject({ url: `/api/entities/${a.entityId}/records`, headers });
    expect(afterDisable.statusCode).toBe(401);

    for (let i = 0; i < 5; i++)
      expect((await attemptSignIn(a, 'viewer@example.com', 'wrong password')).statusCode).toBe(401);
    const locked = await attemptSignIn(b, 'viewer@example.com', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/Too many failed sign-ins for this account/);
    await close();
  });

  it('count sign-in attempts from one address together', async () => {
    const { a, b, close } = await twoInstances();
    // Twenty a minute from one address (routes/session.ts), half through each instance.
    for (let i = 0; i < 20; i++)
      expect((await attemptSignIn(i % 2 ? b : a, `nobody${i}@example.com`, 'x')).statusCode).toBe(401);
    const refused = await attemptSignIn(a, 'nobody20@example.com', 'x');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/Too many sign-in attempts from this address/);
    await close();
    // 21 password checks (scrypt) on a busy machine.
  }, 30_000);

  it('push a record asked of both at once once', async () => {
    // Records stay pending, and Monite answers slowly, so the two requests overlap.
    const { a, b, close } = await twoInstances({ latencyMs: 200, pushDelayMs: 60_000 });
    const ids = await failedIds(a, 5);
    const [onA, onB] = await Promise.all([a.signIn('operator'), b.signIn('operator')]);
    const answers = await Promise.all(
      ids.flatMap((id) => [pushThrough(a, id, onA), pushThrough(b, id, onB)]),
    );
    // The second answers the pushed record (or, had it come once the first was over, that it is pending).
    const outcomes = answers.map((answer) =>
      answer.statusCode === 200 ? `200 ${answer.json().sync_status}` : answer.json().error.code,
    );
    for (const outcome of outcomes) expect(['200 pending', 'already_pending']).toContain(outcome);
    for (const id of ids) expect(a.sim.store.pushCount(id)).toBe(1);
    await close();
  });

  it('finish a job whose instance died mid-job: every record pushed once or reported', async () => {
    const { a, b, skew } = await twoInstances(
      { latencyMs: 20 },
      // Paced, so A is stopped mid-job.
      {
        rateLimit: 20,
        jobs: { concurrency: 2, settleWhilePushingMs: 50, settleAfterPushingMs: 20, settleTimeoutMs: 2000 },
      },
    );
    const ids = await failedIds(a, 20);
    const created = await a.app.inject({
      method: 'POST',
      url: `/api/entities/${a.entityId}/push-jobs`,
      headers: await a.signIn('operator'),
      payload: { ids },
    });
    expect(created.statusCode).toBe(201);
    const jobId: string = created.json().id;
    await vi.waitFor(() => expect(a.sim.store.totalPushes()).toBeGreaterThanOrEqual(4), { timeout: 10_000 });
    // A holds the job: B leaves it alone.
    expect(await b.deps.jobs.resume()).toBe(0);

    // A dies: its connection goes with everything it had not written; its leases are never released.
    // Its job ends once every push it had sent is answered (queries that were waiting for its one
    // connection fail as the pool ends: db/postgres.ts).
    await a.deps.db.destroy();
    await a.deps.jobs.idle();
    await a.app.close();
    expect(a.sim.store.totalPushes()).toBeLessThan(ids.length);

    skew.ms = LEASE_MS + 1;
    expect(await b.deps.jobs.resume()).toBe(1);
    await b.deps.jobs.idle();
    const res = await b.app.inject({
      url: `/api/entities/${b.entityId}/push-jobs/${jobId}`,
      headers: await b.signIn('viewer'),
    });
    const job: PushJob = res.json();
    expect(job.state).toBe('finished');
    expect(job.counts.queued + job.counts.pushing).toBe(0);
    const reported = new Set(job.problems.map((p) => p.record_id));
    for (const id of ids) {
      const pushes = a.sim.store.pushCount(id);
      expect(pushes === 1 || (pushes === 0 && reported.has(id)), `${id}: ${pushes} pushes`).toBe(true);
    }
    expect(await verifyChain(b.deps.db)).toMatchObject({ ok: true });
    await b.close();
  }, 30_000);

  it('scan an entity once when both refresh it at once', async () => {
    const { a, b, close } = await twoInstances({ latencyMs: 20 });
    a.sim.store.clearRequests();
    const stats = await Promise.all([
      a.deps.refresher.refresh(a.entityId),
      b.deps.refresher.refresh(b.entityId),
    ]);
    const scans = stats.filter((s) => s.requests > 0);
    expect(scans).toHaveLength(1);
    const lists = a.sim.store.requests.filter((r) => r.operation === 'GET /accounting_synced_records');
    expect(lists).toHaveLength(scans[0]!.requests);
    expect(scans[0]!.records).toBe(300);
    await close();
  });
});
