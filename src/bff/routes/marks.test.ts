import { describe, expect, it } from 'vitest';
import type { ListedRecord, RecordsPage } from '../../contract/api';
import type { AuditPage } from '../../contract/audit';
import type { PushJob } from '../../contract/push-jobs';
import { verifyChain } from '../audit';
import { failedIds, SAME_ORIGIN, startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

const markUrl = (bff: Bff, id: string) => `/api/entities/${bff.entityId}/records/${id}/mark`;

async function mark(bff: Bff, id: string, payload: object, headers?: Record<string, string>) {
  return bff.app.inject({
    method: 'POST',
    url: markUrl(bff, id),
    headers: headers ?? (await bff.signIn('operator')),
    payload,
  });
}

async function unmark(bff: Bff, id: string) {
  return bff.app.inject({ method: 'DELETE', url: markUrl(bff, id), headers: await bff.signIn('operator') });
}

async function list(bff: Bff, query = ''): Promise<RecordsPage> {
  const res = await bff.app.inject({
    url: `/api/entities/${bff.entityId}/records?sync_status=error&limit=200${query}`,
    headers: await bff.signIn('viewer'),
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function auditOf(bff: Bff, recordId: string): Promise<AuditPage['data']> {
  const res = await bff.app.inject({
    url: `/api/audit?record=${recordId}`,
    headers: await bff.signIn('admin'),
  });
  return res.json<AuditPage>().data;
}

const resolved = { kind: 'resolved', reason: 'Entered by hand in Xero as INV-2041.' };
const doNotSend = { kind: 'do_not_send', reason: 'Duplicate of a bill already in Xero.' };

describe('marking failures handled', () => {
  it('moves a failed record from the Failed view to the Handled view, audited, and back on undo', async () => {
    const bff = await startBff();
    const [id] = await failedIds(bff, 1);
    const before = await list(bff);

    const res = await mark(bff, id!, resolved);
    expect(res.statusCode).toBe(200);
    expect(res.json<ListedRecord>().handled).toMatchObject({ ...resolved, by: 'operator@example.com' });

    const failed = await list(bff);
    expect(failed.total).toBe(before.total - 1);
    expect(failed.facets.sync_status.error).toBe(before.facets.sync_status.error! - 1);
    expect(failed.data.map((r) => r.id)).not.toContain(id);
    expect(failed.handled).toEqual({ resolved: 1, do_not_send: 0 });
    const handled = await list(bff, '&handled=only');
    expect(handled.total).toBe(1);
    expect(handled.data.map((r) => [r.id, r.handled?.reason])).toEqual([[id, resolved.reason]]);

    expect((await unmark(bff, id!)).json<ListedRecord>().handled).toBeNull();
    const after = await list(bff);
    expect(after.total).toBe(before.total);
    expect(after.handled).toEqual({ resolved: 0, do_not_send: 0 });
    expect((await list(bff, '&handled=only')).total).toBe(0);

    const audit = await auditOf(bff, id!);
    expect(audit.map((e) => [e.action, e.mark_kind, e.reason, e.actor])).toEqual([
      ['unmark', 'resolved', resolved.reason, 'operator@example.com'],
      ['mark', 'resolved', resolved.reason, 'operator@example.com'],
    ]);
    expect(await verifyChain(bff.deps.db)).toMatchObject({ ok: true });
    await bff.close();
  });

  it('lets operators mark with a reason; refuses viewers, missing CSRF, bad input and records that did not fail', async () => {
    const bff = await startBff();
    const [id] = await failedIds(bff, 1);
    const viewer = await mark(bff, id!, resolved, await bff.signIn('viewer'));
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.code).toBe('forbidden');
    const { cookie } = await bff.signIn('operator');
    const noHeader = await mark(bff, id!, resolved, { cookie, origin: SAME_ORIGIN.origin });
    expect(noHeader.json().error.code).toBe('csrf');
    const noUndoHeader = await bff.app.inject({
      method: 'DELETE',
      url: markUrl(bff, id!),
      headers: { cookie, origin: SAME_ORIGIN.origin },
    });
    expect(noUndoHeader.json().error.code).toBe('csrf');
    for (const payload of [
      { kind: 'resolved', reason: '   ' },
      { kind: 'resolved', reason: 'x'.repeat(501) },
      { kind: 'ignored', reason: 'why not' },
      { kind: 'resolved' },
    ]) {
      expect((await mark(bff, id!, payload)).statusCode).toBe(400);
    }
    expect((await mark(bff, id!, { ...resolved, reason: 'x'.repeat(500) })).statusCode).toBe(200);

    const done = bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'done')!;
    const notFailed = await mark(bff, done.id, resolved);
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json().error.code).toBe('not_failed');
    expect((await auditOf(bff, done.id)).filter((e) => e.action === 'mark')).toEqual([]);
    await bff.close();
  });

  it('keeps the mark while Monite’s record stays the same, and lapses it (audited) when the record changes', async () => {
    const bff = await startBff();
    const [id] = await failedIds(bff, 1);
    await mark(bff, id!, doNotSend);
    const viewer = await bff.signIn('viewer');
    const read = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records/${id}`,
      headers: viewer,
    });
    expect(read.json<ListedRecord>().handled?.kind).toBe('do_not_send');
    await bff.deps.refresher.refresh(bff.entityId);
    expect((await list(bff, '&handled=only')).total).toBe(1);

    bff.sim.store.update(bff.entityId, id!, { errors: { message: 'The TaxType field is mandatory' } });
    await bff.deps.refresher.refresh(bff.entityId);
    const failed = await list(bff);
    expect(failed.data.find((r) => r.id === id)?.handled).toBeNull();
    expect(failed.handled).toEqual({ resolved: 0, do_not_send: 0 });
    expect((await list(bff, '&handled=only')).total).toBe(0);
    const lapse = (await auditOf(bff, id!))[0]!;
    expect(lapse).toMatchObject({
      action: 'mark_lapsed',
      mark_kind: 'do_not_send',
      reason: doNotSend.reason,
      actor: 'operator@example.com',
    });
    expect(await verifyChain(bff.deps.db)).toMatchObject({ ok: true });
    await bff.close();
  });

  it('refuses to push a "do not send" record; a resolved one may be pushed, which lapses its mark', async () => {
    const bff = await startBff();
    const [blocked, fixed] = await failedIds(bff, 2);
    await mark(bff, blocked!, doNotSend);
    await mark(bff, fixed!, resolved);
    const push = async (id: string) =>
      bff.app.inject({
        method: 'POST',
        url: `/api/entities/${bff.entityId}/records/${id}/push`,
        headers: await bff.signIn('operator'),
      });

    const refused = await push(blocked!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'do_not_send',
      message: expect.stringContaining('do not send'),
    });
    expect(bff.sim.store.pushCount(blocked!)).toBe(0);

    const pushed = await push(fixed!);
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json<ListedRecord>()).toMatchObject({ sync_status: 'pending', handled: null });
    await bff.close();
  });

  it('leaves "do not send" records out of bulk jobs, and handled records out of "all matching"', async () => {
    const bff = await startBff();
    const [other, ...ids] = await failedIds(bff, 4);
    await mark(bff, ids[0]!, doNotSend);
    await mark(bff, other!, resolved);
    const operator = await bff.signIn('operator');
    const create = (payload: object) =>
      bff.app.inject({
        method: 'POST',
        url: `/api/entities/${bff.entityId}/push-jobs`,
        headers: operator,
        payload,
      });

    const byIds = await create({ ids });
    expect(byIds.statusCode).toBe(201);
    await bff.deps.jobs.idle();
    const job = (
      await bff.app.inject({
        url: `/api/entities/${bff.entityId}/push-jobs/${byIds.json().id}`,
        headers: operator,
      })
    ).json<PushJob>();
    expect(job.problems.find((p) => p.record_id === ids[0])).toMatchObject({
      state: 'skipped',
      reason: expect.stringContaining('do not send'),
    });
    expect(ids.map((id) => bff.sim.store.pushCount(id))).toEqual([0, 1, 1]);

    const all = await create({ filter: { sync_status: ['error'] } });
    expect(all.statusCode).toBe(201);
    await bff.deps.jobs.idle();
    expect(bff.sim.store.pushCount(other!)).toBe(0);
    expect(bff.sim.store.pushCount(ids[0]!)).toBe(0);
    await bff.close();
  });
});
