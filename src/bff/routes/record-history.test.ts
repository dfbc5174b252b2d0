import { describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../contract/record-history';
import type { Role } from '../../contract/session';
import { summariseErrors } from '../../monite/errors-text';
import { appendAudit } from '../audit';
import { failedIds, startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

async function history(bff: Bff, recordId: string, role: Role, query = ''): Promise<HistoryPage> {
  const res = await bff.app.inject({
    url: `/api/entities/${bff.entityId}/records/${recordId}/history${query}`,
    headers: await bff.signIn(role),
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function push(bff: Bff, recordId: string) {
  const res = await bff.app.inject({
    method: 'POST',
    url: `/api/entities/${bff.entityId}/records/${recordId}/push`,
    headers: await bff.signIn('operator'),
  });
  expect(res.statusCode).toBe(200);
}

describe('GET /api/entities/:entityId/records/:recordId/history', () => {
  it("lists a record's pushes newest first: who, when, Monite's answer, where it settled and the error then", async () => {
    const bff = await startBff({ pushDelayMs: 100 });
    const [id, other] = await failedIds(bff, 2);
    bff.sim.faults.forcePushOutcome(id!, 'error');
    await push(bff, id!);
    await push(bff, other!);
    await expect
      .poll(async () => {
        await bff.deps.refresher.refresh(bff.entityId);
        return (await history(bff, id!, 'admin')).data.length;
      })
      .toBe(3);

    const { data, next_cursor } = await history(bff, id!, 'admin');
    const settledError = summariseErrors(bff.sim.store.record(bff.entityId, id!)!.errors);
    expect(data).toEqual([
      expect.objectContaining({
        action: 'push_settled',
        actor: 'operator@example.com',
        outcome: 'failed',
        status: 'error',
        error: settledError,
      }),
      expect.objectContaining({ action: 'push_result', outcome: 'ok', status: 'pending', error: null }),
      expect.objectContaining({ action: 'push', outcome: null, status: 'error', push_id: null }),
    ]);
    expect(data[0]!.push_id).toBe(data[2]!.id);
    expect(data[1]!.push_id).toBe(data[2]!.id);
    expect(data.map((e) => e.at)).toEqual(
      data
        .map((e) => e.at)
        .toSorted()
        .toReversed(),
    );
    expect(next_cursor).toBeNull();

    // The audit log's rule: only admins see who else did something.
    expect((await history(bff, id!, 'operator')).data.map((e) => e.actor)).toEqual(
      Array(3).fill('operator@example.com'),
    );
    const asViewer = await history(bff, id!, 'viewer');
    expect(asViewer.data.map((e) => e.actor)).toEqual([null, null, null]);
    expect(asViewer.data.map((e) => e.error)).toEqual(data.map((e) => e.error));
    await bff.close();
  });

  it("says why a push failed, pages with a cursor, and leaves sign-ins and other entities' records out", async () => {
    const bff = await startBff();
    const [id] = await failedIds(bff, 1);
    const started = await appendAudit(bff.deps.db, {
      actor: 'operator@example.com',
      action: 'push',
      entity_id: bff.entityId,
      record_id: id!,
      data: { status_before: 'error' },
    });
    await appendAudit(bff.deps.db, {
      actor: 'operator@example.com',
      action: 'push_result',
      entity_id: bff.entityId,
      record_id: id!,
      started_id: started,
      data: { outcome: 'failed', reason: 'Monite is rate-limiting us; try again in a minute.' },
    });
    await appendAudit(bff.deps.db, {
      actor: 'operator@example.com',
      action: 'push',
      entity_id: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      record_id: id!,
      data: {},
    });

    const first = await history(bff, id!, 'admin', '?limit=1');
    expect(first.data).toEqual([
      expect.objectContaining({
        action: 'push_result',
        outcome: 'failed',
        error: 'Monite is rate-limiting us; try again in a minute.',
      }),
    ]);
    const rest = await history(bff, id!, 'admin', `?limit=1&cursor=${first.next_cursor}`);
    expect(rest.data).toEqual([expect.objectContaining({ action: 'push', id: started })]);
    expect(rest.next_cursor).toBeNull();

    const res = await bff.app.inject({
      url: `/api/entities/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/records/${id}/history`,
      headers: await bff.signIn('admin'),
    });
    expect(res.statusCode).toBe(404);
    await bff.close();
  });
});
