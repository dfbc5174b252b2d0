import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../contract/audit';
import { appendAudit, closeUnfinishedPushes } from '../audit/log';
import { Leases } from '../db/leases';
import { SAME_ORIGIN, startBff, useSimulatedMonite, type Bff, failedIds } from '../test/harness';

useSimulatedMonite();

async function audit(bff: Bff, role: 'viewer' | 'operator' | 'admin', query = ''): Promise<AuditPage> {
  const res = await bff.app.inject({ url: `/api/audit${query}`, headers: await bff.signIn(role) });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('audit of pushes', () => {
  it('writes the entry before calling Monite and completes it after', async () => {
    const bff = await startBff({ latencyMs: 200 });
    const [id] = await failedIds(bff, 1);
    const headers = await bff.signIn('operator');
    const pushing = bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${id}/push`,
      headers,
    });

    // While Monite holds the push, the entry already exists, without an outcome yet.
    await expect
      .poll(() => bff.sim.store.requests.some((r) => r.path.endsWith('/push') && r.status === 0))
      .toBe(true);
    const during = await bff.deps.db
      .selectFrom('audit_entry')
      .select(['action', 'record_id'])
      .where('record_id', '=', id!)
      .execute();
    expect(during).toEqual([{ action: 'push', record_id: id }]);

    expect((await pushing).statusCode).toBe(200);
    const [entry] = (await audit(bff, 'operator', `?record=${id}`)).data;
    expect(entry).toMatchObject({
      actor: 'operator@example.com',
      action: 'push',
      entity_id: bff.entityId,
      status_before: 'error',
      status_after: 'pending',
      outcome: 'ok',
      monite_request_id: expect.any(String),
      duration_ms: expect.any(Number),
      provider: expect.any(String),
      object_type: expect.any(String),
    });
    await bff.close();
  });

  it('records a failed push with the reason', async () => {
    const bff = await startBff();
    const [id] = await failedIds(bff, 1);
    bff.sim.faults.failNext(10, 503, '/push');
    const headers = await bff.signIn('operator');
    await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${id}/push`,
      headers,
    });
    const [entry] = (await audit(bff, 'admin', `?record=${id}`)).data;
    expect(entry).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('503') });
    await bff.close();
  });

  it('shows a push interrupted by a crash as "outcome unknown" after restart', async () => {
    const bff = await startBff();
    const [id] = await failedIds(bff, 1);
    const headers = await bff.signIn('operator');
    await bff.app.inject({ url: '/api/entities', headers }); // warm the entity list
    bff.sim.faults.setLatency(60_000);
    const hanging = bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${id}/push`,
      headers,
    });
    await expect.poll(() => bff.sim.store.requests.some((r) => r.path.endsWith('/push'))).toBe(true);
    // What main.ts does when it starts again after a crash, alone on the database: the dead
    // process's leases are forgotten, so its push holds none.
    await new Leases(bff.deps.db, 'restarted').forgetOthers();
    expect((await closeUnfinishedPushes(bff.deps.db)).closed).toBe(1);
    const [entry] = (await audit(bff, 'operator', '?outcome=unknown')).data;
    expect(entry).toMatchObject({
      record_id: id,
      outcome: 'unknown',
      reason: expect.stringContaining('stopped'),
    });
    bff.sim.faults.setLatency(0);
    await hanging;
    await bff.close();
  });
});

describe('GET /api/audit', () => {
  it('shows non-admins their own entries only, admins everyone, newest first, with filters and cursors', async () => {
    const bff = await startBff();
    const ids = await failedIds(bff, 3);
    const operator = await bff.signIn('operator');
    for (const id of ids) {
      await bff.app.inject({
        method: 'POST',
        url: `/api/entities/${bff.entityId}/records/${id}/push`,
        headers: operator,
      });
    }
    await bff.signIn('viewer');

    const mine = await audit(bff, 'operator', '?action=push');
    expect(mine.data.map((e) => e.record_id)).toEqual(ids.toReversed());
    expect((await audit(bff, 'viewer', '?action=push')).data).toHaveLength(0);
    expect((await audit(bff, 'viewer')).data.every((e) => e.actor === 'viewer@example.com')).toBe(true);

    const everyone = await audit(bff, 'admin');
    expect(new Set(everyone.data.map((e) => e.actor))).toEqual(
      new Set(['operator@example.com', 'viewer@example.com', 'admin@example.com']),
    );
    expect(
      (await audit(bff, 'admin', '?user=viewer@example.com')).data.every(
        (e) => e.actor === 'viewer@example.com',
      ),
    ).toBe(true);

    const first = await audit(bff, 'admin', '?limit=2');
    const second = await audit(bff, 'admin', `?limit=2&cursor=${first.next_cursor}`);
    expect(second.data[0]!.at <= first.data[1]!.at).toBe(true);
    expect(second.data.map((e) => e.id)).not.toContain(first.data[0]!.id);
    await bff.close();
  });

  it('filters by date range and rejects bad filters', async () => {
    const bff = await startBff();
    await bff.signIn('operator');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await audit(bff, 'admin', `?from=${future}`)).data).toHaveLength(0);
    expect((await audit(bff, 'admin', `?to=${future}`)).data.length).toBeGreaterThan(0);
    const bad = await bff.app.inject({ url: '/api/audit?outcome=maybe', headers: await bff.signIn('admin') });
    expect(bad.statusCode).toBe(400);
    const badCursor = await bff.app.inject({
      url: '/api/audit?cursor=abc',
      headers: await bff.signIn('admin'),
    });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.message).toMatch(/cursor is not one this server issued/);
    await bff.close();
  });

  it('exports the filtered entries as CSV, neutralising spreadsheet formulas', async () => {
    const bff = await startBff();
    await bff.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: SAME_ORIGIN,
      payload: { email: 'operator@example.com', password: 'wrong password' },
    });
    // Text from Monite or a provider can start like a formula; a spreadsheet must not run it.
    await appendAudit(bff.deps.db, {
      actor: 'operator@example.com',
      action: 'sign_in_failed',
      data: { outcome: 'failed', reason: '=HYPERLINK("https://evil.example","x")' },
    });
    const res = await bff.app.inject({
      url: '/api/audit.csv?action=sign_in_failed',
      headers: await bff.signIn('admin'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="sync-desk-audit-/);
    const [header, ...lines] = res.body.trim().split('\n');
    expect(header).toMatch(/^at,actor,action,outcome,/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`,"'=HYPERLINK(""https://evil.example"",""x"")",`);
    expect(lines[1]).toContain('operator@example.com,sign_in_failed,failed');
    await bff.close();
  });
});
