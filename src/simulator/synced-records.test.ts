import { describe, expect, it } from 'vitest';
import { OBJECT_TYPES } from '../monite/schemas';
import { clientFor, listAll, mswServer, steppingClock } from './test-support';

const msw = mswServer();

async function acme(options: Parameters<typeof msw.use>[0] = {}) {
  const sim = msw.use(options);
  const entityId = sim.entities[0]?.id ?? '';
  return { sim, entityId, client: await clientFor(entityId) };
}

const ids = (records: { id: string }[]) => records.map((r) => r.id);

describe('GET /v1/accounting_synced_records', () => {
  it('enforces limit 1..100 and a required, known object_type', async () => {
    const { client } = await acme();
    const list = (query: Record<string, string | number>) =>
      client.get('/accounting_synced_records', { query });
    for (const limit of [0, 101, 250, 'ten']) {
      const res = await list({ object_type: 'bill', limit });
      expect(res.status, `limit=${limit}`).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['query', 'limit']);
    }
    expect((await list({ object_type: 'bill', limit: 1 })).body.data).toHaveLength(1);
    expect((await list({ object_type: 'bill', limit: 100 })).body.data).toHaveLength(100);
    expect((await list({ object_type: 'bill' })).body.data).toHaveLength(100);

    const missing = await list({});
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toEqual([
      expect.objectContaining({ loc: ['query', 'object_type'], type: 'missing' }),
    ]);
    const invalid = await list({ object_type: 'invoice' });
    expect(invalid.body.detail).toEqual([
      expect.objectContaining({ loc: ['query', 'object_type'], type: 'enum' }),
    ]);
    const badDate = await list({ object_type: 'bill', updated_at__gt: 'yesterday' });
    expect(badDate.body.detail).toEqual([expect.objectContaining({ loc: ['query', 'updated_at__gt'] })]);
  });

  it('pages through a whole object type, every record exactly once, in created_at order', async () => {
    const { sim, entityId, client } = await acme();
    const expected = sim.store.records(entityId, 'receivable');
    const seen = await listAll(client, { object_type: 'receivable' }, 37);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(ids(seen)).size).toBe(seen.length);
    expect(ids(seen)).toEqual(ids(expected));
  });

  it('takes the query from the token and only limit from the request', async () => {
    const { entityId, sim, client } = await acme();
    const first = await client.get('/accounting_synced_records', {
      query: { object_type: 'vendor', order: 'desc', sort: 'updated_at', limit: 5 },
    });
    expect(first.body.prev_pagination_token).toBeNull();
    const next = await client.get('/accounting_synced_records', {
      query: {
        pagination_token: first.body.next_pagination_token,
        object_type: 'bill',
        order: 'asc',
        sort: 'created_at',
        limit: 7,
      },
    });
    expect(next.status).toBe(200);
    const vendorsNewestFirst = sim.store
      .records(entityId, 'vendor')
      .toSorted((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id.localeCompare(a.id));
    expect(ids(next.body.data)).toEqual(ids(vendorsNewestFirst.slice(5, 12)));

    const back = await client.get('/accounting_synced_records', {
      query: { pagination_token: next.body.prev_pagination_token, limit: 5 },
    });
    expect(ids(back.body.data)).toEqual(ids(first.body.data));
    expect(back.body.prev_pagination_token).toBeNull();

    const garbage = await client.get('/accounting_synced_records', { query: { pagination_token: 'bm9wZQ' } });
    expect(garbage.status).toBe(422);
    expect(garbage.body.detail[0].loc).toEqual(['query', 'pagination_token']);
  });

  it('rejects a token issued for another entity', async () => {
    const { sim, client } = await acme();
    const first = await client.get('/accounting_synced_records', {
      query: { object_type: 'bill', limit: 1 },
    });
    const other = await clientFor(sim.entities[1]?.id);
    const res = await other.get('/accounting_synced_records', {
      query: { pagination_token: first.body.next_pagination_token },
    });
    expect(res.status).toBe(422);
  });

  it('keeps pagination exact across records with identical timestamps', async () => {
    const clock = steppingClock();
    const { sim, entityId, client } = await acme({
      now: clock.now,
      entities: [{ name: 'Tiny', records: 0 }],
    });
    for (let i = 0; i < 9; i++) {
      sim.store.insert(entityId, { object_type: 'bill' });
      if (i % 3 === 2) clock.advance(1);
    }
    const seen = await listAll(client, { object_type: 'bill', sort: 'updated_at', order: 'desc' }, 2);
    expect(ids(seen).toSorted()).toEqual(ids(sim.store.records(entityId, 'bill')).toSorted());
  });

  it('filters on updated_at and sorts by it, for incremental scans', async () => {
    const { sim, entityId, client } = await acme();
    const bills = sim.store.records(entityId, 'bill');
    const cut = bills.map((b) => b.updated_at).toSorted()[Math.floor(bills.length / 2)] ?? '';
    const expected = bills
      .filter((b) => b.updated_at > cut)
      .toSorted((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id.localeCompare(b.id));
    const seen = await listAll(client, { object_type: 'bill', sort: 'updated_at', updated_at__gt: cut });
    expect(ids(seen)).toEqual(ids(expected));
    const withCut = await listAll(client, { object_type: 'bill', sort: 'updated_at', updated_at__gte: cut });
    expect(withCut.length).toBe(expected.length + bills.filter((b) => b.updated_at === cut).length);

    const window = await listAll(client, {
      object_type: 'bill',
      created_at__gte: bills[10]?.created_at,
      created_at__lt: bills[20]?.created_at,
    });
    expect(ids(window)).toEqual(ids(bills.slice(10, 20)));
  });

  it('sees a record changed after the last scan', async () => {
    const clock = steppingClock();
    const { sim, entityId, client } = await acme({ now: clock.now });
    const [oldest] = sim.store.records(entityId, 'customer');
    const watermark = new Date(clock.now()).toISOString();
    clock.advance(1000);
    sim.store.update(entityId, oldest?.id ?? '', { sync_status: 'error', errors: { message: 'changed' } });
    clock.advance(1);
    const added = sim.store.insert(entityId, { object_type: 'customer' });
    const changed = await listAll(client, {
      object_type: 'customer',
      sort: 'updated_at',
      updated_at__gt: watermark,
    });
    expect(ids(changed)).toEqual([oldest?.id, added.id]);
  });

  it('forgets a deleted record: lists skip it, reading or pushing it answers 404', async () => {
    const { sim, entityId, client } = await acme();
    const [first, second] = sim.store.records(entityId, 'bill');
    sim.store.delete(entityId, first?.id ?? '');
    const bills = await listAll(client, { object_type: 'bill' });
    expect(ids(bills)).not.toContain(first?.id);
    expect(ids(bills)).toContain(second?.id);
    expect(sim.store.record(entityId, first?.id ?? '')).toBeUndefined();
    expect((await client.get(`/accounting_synced_records/${first?.id}`)).status).toBe(404);
    expect((await client.post(`/accounting_synced_records/${first?.id}/push`)).status).toBe(404);
  });

  it('filters by object_id and by a repeated object_id__in key', async () => {
    const { sim, entityId, client } = await acme();
    const [a, b, c] = sim.store.records(entityId, 'product');
    const one = await client.get('/accounting_synced_records', {
      query: { object_type: 'product', object_id: a?.object_id },
    });
    expect(ids(one.body.data)).toEqual([a?.id]);
    const some = await client.get('/accounting_synced_records', {
      query: { object_type: 'product', object_id__in: [c?.object_id ?? '', b?.object_id ?? ''] },
    });
    expect(ids(some.body.data)).toEqual([b?.id, c?.id]);
    const wrongType = await client.get('/accounting_synced_records', {
      query: { object_type: 'bill', object_id: a?.object_id },
    });
    expect(wrongType.body.data).toEqual([]);
    const commaJoined = await client.get('/accounting_synced_records', {
      query: { object_type: 'product', object_id__in: `${b?.object_id},${c?.object_id}` },
    });
    expect(commaJoined.status).toBe(422);
  });

  it('lists every object type', async () => {
    const { client } = await acme();
    for (const type of OBJECT_TYPES) {
      const res = await client.get('/accounting_synced_records', { query: { object_type: type, limit: 3 } });
      expect(res.body.data.map((r: { object_type: string }) => r.object_type)).toEqual([type, type, type]);
    }
  });
});

describe('GET /v1/accounting_synced_records/{id}', () => {
  it('returns the entity’s record, 404 for another entity’s or an unknown one, 422 for a non-uuid', async () => {
    const { sim, entityId, client } = await acme();
    const [record] = sim.store.records(entityId);
    const ok = await client.get(`/accounting_synced_records/${record?.id}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(record);

    const [foreign] = sim.store.records(sim.entities[1]?.id ?? '');
    const notOurs = await client.get(`/accounting_synced_records/${foreign?.id}`);
    expect(notOurs.status).toBe(404);
    expect(notOurs.body).toEqual({ error: { message: expect.any(String) } });
    expect((await client.get('/accounting_synced_records/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );

    const bad = await client.get('/accounting_synced_records/123');
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['path', 'synced_record_id'], type: 'uuid_parsing' });
  });
});
