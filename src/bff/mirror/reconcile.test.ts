import { describe, expect, it, vi } from 'vitest';
import type { RecordsPage } from '../../contract/api';
import type { SimRecord } from '../../simulator';
import { startBff, useSimulatedMonite } from '../test/harness';

useSimulatedMonite();

type Bff = Awaited<ReturnType<typeof startBff>>;

async function list(bff: Bff, query = ''): Promise<RecordsPage> {
  const res = await bff.app.inject({
    url: `/api/entities/${bff.entityId}/records?sync_status=${query}`,
    headers: await bff.signIn('viewer'),
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** A mirrored failed record, deleted in Monite afterwards. */
async function deletedInMonite(bff: Bff): Promise<SimRecord> {
  await bff.deps.refresher.refresh(bff.entityId);
  const record = bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'error')!;
  bff.sim.store.delete(bff.entityId, record.id);
  return record;
}

describe('records deleted in Monite', () => {
  it('leave the list and its facet counts after a sweep', async () => {
    const bff = await startBff();
    const gone = await deletedInMonite(bff);
    const before = await list(bff);
    expect((await list(bff, `&q=${gone.id}`)).total).toBe(1); // an incremental refresh cannot tell

    const stats = await bff.deps.refresher.sweep(bff.entityId);

    expect(stats.removed).toBe(1);
    const after = await list(bff);
    expect(after.total).toBe(before.total - 1);
    expect(after.facets.sync_status.error).toBe(before.facets.sync_status.error! - 1);
    expect(after.facets.object_type[gone.object_type]).toBe(before.facets.object_type[gone.object_type]! - 1);
    expect((await list(bff, `&q=${gone.id}`)).total).toBe(0);
    expect(after.total).toBe(bff.sim.store.records(bff.entityId).length);
    await bff.close();
  });

  it('leave the mirror as soon as opening one answers 404', async () => {
    const bff = await startBff();
    const gone = await deletedInMonite(bff);
    const before = await list(bff, 'error');

    const res = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records/${gone.id}`,
      headers: await bff.signIn('viewer'),
    });

    expect(res.statusCode).toBe(404);
    const after = await list(bff, 'error');
    expect(after.total).toBe(before.total - 1);
    expect(after.data.map((r) => r.id)).not.toContain(gone.id);
    await bff.close();
  });

  it('leave the mirror as soon as pushing one answers 404', async () => {
    const bff = await startBff();
    const gone = await deletedInMonite(bff);

    const res = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${gone.id}/push`,
      headers: await bff.signIn('operator'),
    });

    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect((await list(bff, `&q=${gone.id}`)).total).toBe(0);
    await bff.close();
  });

  it('are told apart from records written while the sweep runs', async () => {
    const bff = await startBff();
    const gone = await deletedInMonite(bff);
    const headers = await bff.signIn('viewer');
    const listRecords = bff.monite.listRecords.bind(bff.monite);
    let added: SimRecord | undefined;
    vi.spyOn(bff.monite, 'listRecords').mockImplementation(async (entityId, params, options) => {
      const page = await listRecords(entityId, params, options);
      if (params.sort === 'created_at' && !added) {
        // Created in Monite just after the sweep read its type, and opened (so mirrored) at once.
        added = bff.sim.store.insert(entityId, { object_type: params.object_type, sync_status: 'error' });
        const res = await bff.app.inject({ url: `/api/entities/${entityId}/records/${added.id}`, headers });
        if (res.statusCode !== 200) throw new Error(`opening the new record answered ${res.statusCode}`);
      }
      return page;
    });

    const stats = await bff.deps.refresher.sweep(bff.entityId);

    expect(stats.removed).toBe(1);
    expect((await list(bff, `&q=${added!.id}`)).total).toBe(1);
    expect((await list(bff, `&q=${gone.id}`)).total).toBe(0);
    await bff.close();
  });
});
