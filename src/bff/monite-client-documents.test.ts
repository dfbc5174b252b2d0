/** The client's document getters against the simulator: batches, absent ids, parsing, retries. */
import { describe, expect, it } from 'vitest';
import { DOCUMENT_BATCH } from './monite-client';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const idsOf = (docs: { id: string }[]) => docs.map((d) => d.id).toSorted();

describe('MoniteClient documents', () => {
  it(`asks for at most ${DOCUMENT_BATCH} ids a request and returns the documents Monite knows`, async () => {
    const bff = await startBff({ entities: [{ name: 'Müller Holding GmbH', records: 1000 }] });
    const ids = bff.sim.store.records(bff.entityId, 'receivable').map((r) => r.object_id);
    expect(ids.length).toBeGreaterThan(2 * DOCUMENT_BATCH);
    const asked = [...ids.slice(0, 2 * DOCUMENT_BATCH + 10), UNKNOWN, ids[0]!];
    const found = await bff.monite.getReceivables(bff.entityId, asked, { priority: 'bulk' });
    expect(found.map((r) => r.id).toSorted()).toEqual(ids.slice(0, 2 * DOCUMENT_BATCH + 10).toSorted());
    expect(found[0]).toMatchObject({ type: expect.any(String), currency: expect.any(String) });
    const sent = bff.sim.store.requests.filter((r) => r.path.endsWith('/receivables'));
    expect(sent.map((r) => r.query.getAll('id__in').length)).toEqual([100, 100, 11]);
    expect(sent.every((r) => r.status === 200 && r.headers['x-monite-entity-id'] === bff.entityId)).toBe(
      true,
    );
    await bff.close();
  });

  it('reads bills, counterparts, products and payment records; unknown ones are absent', async () => {
    const bff = await startBff();
    const of = (type: Parameters<typeof bff.sim.store.records>[1]) =>
      bff.sim.store
        .records(bff.entityId, type)
        .slice(0, 3)
        .map((r) => r.object_id);
    const { monite, entityId } = bff;
    expect(idsOf(await monite.getPayables(entityId, [...of('bill'), UNKNOWN]))).toEqual(
      of('bill').toSorted(),
    );
    const parties = [...of('customer'), ...of('vendor')];
    expect(idsOf(await monite.getCounterparts(entityId, parties))).toEqual(parties.toSorted());
    expect(idsOf(await monite.getProducts(entityId, of('product')))).toEqual(of('product').toSorted());
    const payments = await monite.getPaymentRecords(entityId, [...of('payment_record'), UNKNOWN]);
    expect(idsOf(payments)).toEqual(of('payment_record').toSorted());
    expect(payments[0]).toMatchObject({ amount: expect.any(Number), object: { type: expect.any(String) } });
    expect(await monite.getProducts(entityId, [])).toEqual([]);
    await bff.close();
  });

  it('rides out a 5xx like the other reads', async () => {
    const bff = await startBff();
    const ids = bff.sim.store
      .records(bff.entityId, 'bill')
      .map((r) => r.object_id)
      .slice(0, 5);
    bff.sim.faults.failNext(1, 503, '/payables');
    expect(await bff.monite.getPayables(bff.entityId, ids)).toHaveLength(5);
    const sent = bff.sim.store.requests.filter((r) => r.path.endsWith('/payables'));
    expect(sent.map((r) => r.status)).toEqual([503, 200]);
    await bff.close();
  });
});
