import { describe, expect, it } from 'vitest';
import type { PushJob } from '../../contract/push-jobs';
import { PushJobs } from './jobs';
import { FAST_JOBS, startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

async function failedIds(bff: Bff, n?: number): Promise<string[]> {
  await bff.deps.refresher.refresh(bff.entityId);
  const ids = bff.sim.store
    .records(bff.entityId)
    .filter((r) => r.sync_status === 'error')
    .map((r) => r.id);
  return n === undefined ? ids : ids.slice(0, n);
}

async function create(bff: Bff, body: object, role: 'operator' | 'viewer' = 'operator') {
  return bff.app.inject({
    method: 'POST',
    url: `/api/entities/${bff.entityId}/push-jobs`,
    headers: await bff.signIn(role),
    payload: body,
  });
}

async function job(bff: Bff, id: string): Promise<PushJob> {
  const res = await bff.app.inject({
    url: `/api/entities/${bff.entityId}/push-jobs/${id}`,
    headers: await bff.signIn('viewer'),
  });
  return res.json();
}

describe('bulk push jobs', () => {
  it('pushes every failed record of a provider once, audits each push, and watches them settle', async () => {
    const bff = await startBff();
    const ids = await failedIds(bff);
    const codat = ids.filter((id) => bff.sim.store.record(bff.entityId, id)!.provider === 'codat');
    const res = await create(bff, { filter: { sync_status: ['error'], provider: ['codat'] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      state: 'running',
      total: codat.length,
      created_by: 'operator@example.com',
    });

    await bff.deps.jobs.idle();
    const done = await job(bff, res.json().id);
    expect(done.state).toBe('finished');
    expect(done.counts.done + done.counts.failed).toBe(codat.length);
    expect(done.counts.pending + done.counts.queued + done.counts.pushing).toBe(0);
    for (const id of codat) expect(bff.sim.store.pushCount(id)).toBe(1);
    expect(ids.filter((id) => !codat.includes(id)).every((id) => bff.sim.store.pushCount(id) === 0)).toBe(
      true,
    );
    // Records that ended in error are reported with the provider's new message.
    const failed = done.problems.filter((p) => p.state === 'failed');
    expect(failed).toHaveLength(done.counts.failed);
    expect(failed.every((p) => p.reason.length > 5)).toBe(true);

    const pushAudits = await bff.deps.db
      .selectFrom('audit_entry')
      .select('data')
      .where('action', '=', 'push')
      .execute();
    expect(pushAudits).toHaveLength(codat.length);
    expect(pushAudits.every((a) => JSON.parse(a.data).job_id === done.id)).toBe(true);
    await bff.close();
  });

  it('skips records already pending, with the reason', async () => {
    const bff = await startBff({ pushDelayMs: 60_000 });
    const ids = await failedIds(bff, 3);
    const headers = await bff.signIn('operator');
    await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${ids[0]}/push`,
      headers,
    });
    const res = await create(bff, { ids });
    await expect.poll(async () => (await job(bff, res.json().id)).counts.skipped).toBe(1);
    const { problems } = await job(bff, res.json().id);
    const record = bff.sim.store.record(bff.entityId, ids[0]!)!;
    expect(problems).toEqual([
      {
        record_id: ids[0],
        state: 'skipped',
        reason: 'Already pending at Monite; not pushed again.',
        class: null,
        fix: null,
        // Named as the records list names it.
        object_type: record.object_type,
        object_id: record.object_id,
        document: expect.objectContaining({ kind: expect.any(String) }),
      },
    ]);
    expect(bff.sim.store.pushCount(ids[0]!)).toBe(1);
    await bff.deps.jobs.cancel(bff.entityId, res.json().id);
    await bff.deps.jobs.idle();
    await bff.close();
  });

  it('cancels: queued records are not sent, pushes already sent finish', async () => {
    const bff = await startBff({}, { rateLimit: 20 });
    const ids = await failedIds(bff, 30);
    const res = await create(bff, { ids });
    // A job's first pushes wait for its refresh: on PostgreSQL on a busy machine, over a second.
    await expect.poll(() => bff.sim.store.totalPushes(), { interval: 20, timeout: 5000 }).toBeGreaterThan(2);
    const cancel = await bff.app.inject({
      method: 'DELETE',
      url: `/api/entities/${bff.entityId}/push-jobs/${res.json().id}`,
      headers: await bff.signIn('operator'),
    });
    expect(cancel.json().state).toBe('cancelling');
    await bff.deps.jobs.idle();
    const ended = await job(bff, res.json().id);
    expect(ended.state).toBe('cancelled');
    expect(ended.counts.cancelled).toBeGreaterThan(0);
    const sent = ids.filter((id) => bff.sim.store.pushCount(id) > 0).length;
    expect(sent).toBe(ended.total - ended.counts.cancelled - ended.counts.skipped);
    expect(bff.sim.store.totalPushes()).toBe(sent);
    await bff.close();
  });

  it('resumes after a restart without pushing any record twice', async () => {
    const bff = await startBff();
    const ids = await failedIds(bff, 6);
    const res = await create(bff, { ids });
    const jobId = res.json().id as string;
    await bff.deps.jobs.idle();

    // Rewind the job as a crash would leave it: one push sent and taken, one caught before sending, four queued.
    const [took, lost, ...queued] = ids as [string, string, ...string[]];
    const db = bff.deps.db;
    const before = (id: string) => ({
      before_status: 'error',
      before_updated_at: bff.sim.store.record(bff.entityId, id)!.updated_at,
    });
    bff.sim.store.update(bff.entityId, took, { sync_status: 'error' });
    bff.sim.store.update(bff.entityId, lost, { sync_status: 'error' });
    const lostBefore = before(lost);
    const tookBefore = before(took);
    await bff.monite.pushRecord(bff.entityId, took); // Monite processed it; the BFF died before recording the answer.
    for (const id of queued) bff.sim.store.update(bff.entityId, id, { sync_status: 'error' });
    await db
      .updateTable('push_job')
      .set({ state: 'running', finished_at: null })
      .where('id', '=', jobId)
      .execute();
    await db
      .updateTable('push_job_item')
      .set({ state: 'queued', reason: null })
      .where('job_id', '=', jobId)
      .execute();
    await db
      .updateTable('push_job_item')
      .set({ state: 'pushing', ...tookBefore })
      .where('record_id', '=', took)
      .execute();
    await db
      .updateTable('push_job_item')
      .set({ state: 'pushing', ...lostBefore })
      .where('record_id', '=', lost)
      .execute();
    const pushesBefore = new Map(ids.map((id) => [id, bff.sim.store.pushCount(id)]));

    const restarted = new PushJobs(bff.deps, bff.app.log, FAST_JOBS);
    expect(await restarted.resume()).toBe(1);
    await restarted.idle();
    const ended = await restarted.get(bff.entityId, jobId);
    expect(ended.state).toBe('finished');
    expect(bff.sim.store.pushCount(took) - pushesBefore.get(took)!).toBe(0);
    for (const id of [lost, ...queued]) expect(bff.sim.store.pushCount(id) - pushesBefore.get(id)!).toBe(1);
    await bff.close();
  });

  it('allows one running job per entity, refuses viewers and empty selections', async () => {
    const bff = await startBff({}, { rateLimit: 5 });
    const ids = await failedIds(bff, 20);
    expect((await create(bff, { ids }, 'viewer')).statusCode).toBe(403);
    // A viewer is refused before the input is read: the answer says nothing of what a job takes.
    expect((await create(bff, { ids: 'not a list' }, 'viewer')).statusCode).toBe(403);
    expect((await create(bff, { ids: 'not a list' })).statusCode).toBe(400);
    expect((await create(bff, { ids: [] })).statusCode).toBe(400);
    const empty = await create(bff, {
      filter: { sync_status: ['pending'], object_type: ['product'], q: 'ffffffff' },
    });
    expect(empty.json().error.message).toBe('No records match these filters.');
    const first = await create(bff, { ids });
    expect(first.statusCode).toBe(201);
    const second = await create(bff, { ids });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'job_running',
      message: expect.stringContaining('operator@example.com'),
      // The running job, so the asker can follow it instead.
      details: { job_id: first.json().id },
    });
    const viewerCancel = await bff.app.inject({
      method: 'DELETE',
      url: `/api/entities/${bff.entityId}/push-jobs/${first.json().id}`,
      headers: await bff.signIn('viewer'),
    });
    expect(viewerCancel.statusCode).toBe(403);
    await bff.deps.jobs.cancel(bff.entityId, first.json().id);
    await bff.deps.jobs.idle();
    await bff.close();
  });

  it('keeps at most one push of a record in flight across a job and single pushes', async () => {
    // Records stay pending, so any second push would be a duplicate.
    const bff = await startBff({ latencyMs: 20, pushDelayMs: 60_000 }, { rateLimit: 50 });
    const ids = await failedIds(bff, 15);
    const res = await create(bff, { ids });
    const headers = await bff.signIn('operator');
    // A person clicks Push on the same records while the job runs.
    const clicks = await Promise.all(
      ids.map((id) =>
        bff.app.inject({ method: 'POST', url: `/api/entities/${bff.entityId}/records/${id}/push`, headers }),
      ),
    );
    expect(clicks.every((c) => [200, 409].includes(c.statusCode))).toBe(true);
    await bff.deps.jobs.idle();
    for (const id of ids) expect(bff.sim.store.pushCount(id)).toBe(1);
    const ended = await job(bff, res.json().id);
    expect(ended.counts.pending + ended.counts.skipped).toBe(ids.length);
    await bff.close();
  });
});

describe('the shared upstream rate limit', () => {
  it('holds for a bulk job and people pushing and reading at the same time', async () => {
    const limit = 20;
    const bff = await startBff({ rateLimitPerSecond: limit }, { rateLimit: limit });
    const ids = await failedIds(bff, 45);
    bff.sim.store.clearRequests();
    const res = await create(bff, { ids: ids.slice(0, 30) });
    const headers = await bff.signIn('operator');
    await Promise.all([
      ...ids.slice(30).map((id) =>
        bff.app.inject({
          method: 'POST',
          url: `/api/entities/${bff.entityId}/records/${id}/push`,
          headers,
        }),
      ),
      ...ids
        .slice(0, 10)
        .map((id) => bff.app.inject({ url: `/api/entities/${bff.entityId}/records/${id}`, headers })),
    ]);
    await bff.deps.jobs.idle();
    expect((await job(bff, res.json().id)).state).toBe('finished');

    const requests = bff.sim.store.requests.filter((r) => !r.path.endsWith('/auth/token'));
    expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
    const perSecond = new Map<number, number>();
    for (const r of requests) {
      const second = Math.floor(Date.parse(r.at) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(limit);
    for (const id of ids) expect(bff.sim.store.pushCount(id)).toBeLessThanOrEqual(1);
    await bff.close();
    // About 90 requests at 20/s: most of the default 5 s before the machine is even busy.
  }, 20_000);
});
