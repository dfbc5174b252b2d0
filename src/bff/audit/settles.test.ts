import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditPage } from '../../contract/audit';
import { summariseErrors } from '../../monite/errors-text';
import { findRecord, upsertRecords } from '../mirror/store';
import { startBff, useSimulatedMonite, type Bff, failedIds } from '../test/harness';
import { appendAudit, closeUnfinishedPushes, verifyChain } from './log';

useSimulatedMonite();

async function audit(bff: Bff, query: string): Promise<AuditPage> {
  const res = await bff.app.inject({ url: `/api/audit${query}`, headers: await bff.signIn('admin') });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function pushOf(bff: Bff, recordId: string): Promise<AuditEntry> {
  const { data } = await audit(bff, `?record=${recordId}&action=push`);
  expect(data).toHaveLength(1);
  return data[0]!;
}

async function push(bff: Bff, recordId: string) {
  const res = await bff.app.inject({
    method: 'POST',
    url: `/api/entities/${bff.entityId}/records/${recordId}/push`,
    headers: await bff.signIn('operator'),
  });
  expect(res.statusCode).toBe(200);
}

const settles = (bff: Bff) =>
  bff.deps.db.selectFrom('audit_entry').select('data').where('action', '=', 'push_settled').execute();

describe('the settled outcome of a push', () => {
  it('has no settled status while Monite holds the record pending, then the error and the provider message', async () => {
    const bff = await startBff({ pushDelayMs: 300 });
    const [id] = await failedIds(bff, 1);
    bff.sim.faults.forcePushOutcome(id!, 'error');
    await push(bff, id!);
    expect(await pushOf(bff, id!)).toMatchObject({
      outcome: 'ok',
      status_before: 'error',
      status_after: 'pending',
      settled_status: null,
      settled_at: null,
    });

    // The audit page showing it waiting has the mirror look for the record.
    const touch = vi.spyOn(bff.deps.refresher, 'touch');
    await audit(bff, `?record=${id}`);
    expect(touch).toHaveBeenCalledWith(bff.entityId);

    // A record read (the drawer watching it) is where Sync Desk first sees it settled.
    await expect
      .poll(async () => {
        await bff.app.inject({
          url: `/api/entities/${bff.entityId}/records/${id}`,
          headers: await bff.signIn('viewer'),
        });
        return (await pushOf(bff, id!)).settled_status;
      })
      .toBe('error');
    const settled = bff.sim.store.record(bff.entityId, id!)!;
    expect(await pushOf(bff, id!)).toMatchObject({
      outcome: 'ok',
      status_after: 'pending',
      settled_status: 'error',
      settled_at: new Date(settled.updated_at).toISOString(),
      settled_error: summariseErrors(settled.errors),
    });
    expect(settled.sync_status).toBe('error');

    const csv = await bff.app.inject({
      url: `/api/audit.csv?record=${id}`,
      headers: await bff.signIn('admin'),
    });
    const [header, line] = csv.body.trim().split('\n');
    const columns = header!.split(',');
    expect(line!.split(',')[columns.indexOf('settled_status')]).toBe('error');
    expect(await verifyChain(bff.deps.db)).toMatchObject({ ok: true });
    await bff.close();
  });

  it('shows "done" once a mirror refresh sees it, and writes the settle once however often it is seen', async () => {
    const bff = await startBff({ pushDelayMs: 300 });
    const [id] = await failedIds(bff, 1);
    bff.sim.faults.forcePushOutcome(id!, 'done');
    await push(bff, id!);
    await expect
      .poll(async () => {
        await bff.deps.refresher.refresh(bff.entityId);
        return (await pushOf(bff, id!)).settled_status;
      })
      .toBe('done');
    expect(await pushOf(bff, id!)).toMatchObject({ settled_error: null, settled_at: expect.any(String) });

    await bff.deps.refresher.refresh(bff.entityId);
    await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records/${id}`,
      headers: await bff.signIn('viewer'),
    });
    expect(await settles(bff)).toHaveLength(1);
    expect(await verifyChain(bff.deps.db)).toMatchObject({ ok: true });
    await bff.close();
  });

  it("lists one bulk job's pushes by its id, each with where its record settled", async () => {
    const bff = await startBff();
    const [single, ...bulk] = await failedIds(bff, 4);
    await push(bff, single!);
    const res = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/push-jobs`,
      headers: await bff.signIn('operator'),
      payload: { ids: bulk },
    });
    expect(res.statusCode).toBe(201);
    const jobId = res.json().id as string;
    await bff.deps.jobs.idle();

    const { data } = await audit(bff, `?job=${jobId}`);
    expect(data.map((e) => e.record_id).toSorted()).toEqual(bulk.toSorted());
    for (const entry of data) {
      const record = bff.sim.store.record(bff.entityId, entry.record_id!)!;
      expect(entry).toMatchObject({ job_id: jobId, settled_status: record.sync_status });
    }
    const bad = await bff.app.inject({ url: '/api/audit?job=42', headers: await bff.signIn('admin') });
    expect(bad.statusCode).toBe(400);
    expect(await verifyChain(bff.deps.db)).toMatchObject({ ok: true });
    await bff.close();
  });

  it('reads "outcome unknown" after a restart mid-push, then its settled outcome once known', async () => {
    const bff = await startBff({ pushDelayMs: 300 });
    const [id] = await failedIds(bff, 1);
    bff.sim.faults.forcePushOutcome(id!, 'done');
    // A push that reached Monite, then Sync Desk stopped before recording the answer.
    await appendAudit(bff.deps.db, {
      actor: 'operator@example.com',
      action: 'push',
      entity_id: bff.entityId,
      record_id: id!,
      data: { status_before: 'error' },
    });
    await bff.monite.pushRecord(bff.entityId, id!);
    // What main.ts does when it starts again.
    expect((await closeUnfinishedPushes(bff.deps.db)).closed).toBe(1);
    expect(await pushOf(bff, id!)).toMatchObject({ outcome: 'unknown', settled_status: null });

    await expect
      .poll(async () => {
        await bff.deps.refresher.refresh(bff.entityId);
        return (await pushOf(bff, id!)).settled_status;
      })
      .toBe('done');
    expect(await pushOf(bff, id!)).toMatchObject({ outcome: 'unknown' });
    expect(await verifyChain(bff.deps.db)).toMatchObject({ ok: true });
    await bff.close();
  });

  it('does not settle a push still in flight with the record it started from', async () => {
    const bff = await startBff({ latencyMs: 200, pushDelayMs: 60_000 });
    const [id] = await failedIds(bff, 1);
    const old = (await findRecord(bff.deps.db, bff.entityId, id!))!;
    const pushing = bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${id}/push`,
      headers: await bff.signIn('operator'),
    });
    await expect
      .poll(() => bff.sim.store.requests.some((r) => r.path.endsWith('/push') && r.status === 0))
      .toBe(true);
    // While Monite holds the push, the mirror is written again with the failed record it started from.
    await bff.deps.db.deleteFrom('mirror_record').where('id', '=', id!).execute();
    await upsertRecords(bff.deps.db, bff.entityId, [old]);
    expect((await pushing).statusCode).toBe(200);
    expect(await settles(bff)).toHaveLength(0);
    expect(await pushOf(bff, id!)).toMatchObject({ status_after: 'pending', settled_status: null });
    await bff.close();
  });
});
