/** Push outcomes follow the cause of the last failure: data flaws stay until fixed, transient causes pass. */
import { describe, expect, it } from 'vitest';
import { classifyErrors } from '../contract/error-groups';
import { summariseErrors } from '../monite/errors-text';
import type { SimRecord, SimulatorOptions } from './index';
import { clientFor, flawOf, mswServer, steppingClock } from './test-support';

const msw = mswServer();
type Client = Awaited<ReturnType<typeof clientFor>>;
type Doc = Record<string, unknown> & { id: string };

async function setup(options: Partial<SimulatorOptions> = {}) {
  const clock = steppingClock();
  const sim = msw.use({ now: clock.now, pushDelayMs: 2000, ...options });
  const entityId = sim.entities[0]!.id;
  const client = await clientFor(entityId);
  const failed = (cls: 'retry' | 'fix_first') =>
    sim.store
      .records(entityId)
      .filter((r) => r.sync_status === 'error' && classifyErrors(r.errors)?.class === cls);
  /** Pushes every record once and lets the pushes settle; returns them as they ended. */
  const pushAll = async (records: SimRecord[]) => {
    for (const r of records)
      expect((await client.post(`/accounting_synced_records/${r.id}/push`)).status).toBe(200);
    clock.advance(2000);
    return records.map((r) => sim.store.record(entityId, r.id)!);
  };
  return { clock, sim, entityId, client, failed, pushAll };
}

async function document(client: Client, record: SimRecord): Promise<Doc> {
  const path = record.object_type === 'bill' ? '/payables' : '/receivables';
  const res = await client.get(path, { query: { id__in: [record.object_id] } });
  return res.body.data[0] as Doc;
}

async function receivableNumbers(client: Client, records: SimRecord[]): Promise<unknown[]> {
  const numbers = [];
  for (let i = 0; i < records.length; i += 100) {
    const ids = records.slice(i, i + 100).map((r) => r.object_id);
    const res = await client.get('/receivables', { query: { id__in: ids } });
    numbers.push(...(res.body.data as Doc[]).map((d) => d.document_id));
  }
  return numbers;
}

/** The provider's errors without what differs between two reports of one failure (ids, times). */
const causeOf = (errors: Record<string, unknown>) => ({
  keys: Object.keys(errors).toSorted(),
  validation: errors.validation,
});

describe('pushing a failed record again', () => {
  it('fails the same way, push after push, while the cause is a flaw in the data', async () => {
    const { failed, pushAll } = await setup();
    const records = failed('fix_first');
    expect(records.length).toBeGreaterThan(100);
    const first = await pushAll(records);
    const second = await pushAll(first);
    for (const [i, r] of records.entries()) {
      for (const again of [first[i]!, second[i]!]) {
        expect(again.sync_status).toBe('error');
        expect(summariseErrors(again.errors)).toBe(summariseErrors(r.errors));
        expect(causeOf(again.errors)).toEqual(causeOf(r.errors));
      }
      // A new report of the same failure: new times (Codat's and Railz's) and operation ids.
      expect(second[i]!.errors).not.toEqual(first[i]!.errors);
      expect(second[i]!.updated_at > first[i]!.updated_at).toBe(true);
    }
  });

  it('keeps the document flawed meanwhile, also while the push is in flight', async () => {
    const { clock, entityId, sim, client, failed } = await setup();
    const invoice = failed('fix_first').find(
      (r) => r.object_type === 'receivable' && flawOf(r.errors) === 'duplicate_number',
    )!;
    const all = sim.store.records(entityId, 'receivable');
    const shared = (await document(client, invoice)).document_id;
    expect((await receivableNumbers(client, all)).filter((n) => n === shared)).toHaveLength(2);
    await client.post(`/accounting_synced_records/${invoice.id}/push`);
    expect((await document(client, invoice)).document_id).toBe(shared);
    clock.advance(2000);
    expect((await document(client, invoice)).document_id).toBe(shared);
  });

  it('mostly succeeds when the cause was transient (a conflict, an internal error)', async () => {
    const { failed, pushAll } = await setup({
      entities: [{ name: 'Big Books Ltd', records: 12_000, type: 'organization' }],
    });
    const records = failed('retry');
    expect(records.length).toBeGreaterThan(50);
    const settled = await pushAll(records);
    const done = settled.filter((r) => r.sync_status === 'done');
    expect(done.length / records.length).toBeGreaterThanOrEqual(0.85);
    // The few that fail again hit the same conflict or outage.
    for (const r of settled.filter((s) => s.sync_status === 'error')) {
      const before = records.find((b) => b.id === r.id)!;
      expect(summariseErrors(r.errors)).toBe(summariseErrors(before.errors));
    }
  });
});

describe('fixing the document', () => {
  it('changes the document: it loses its flaw, and object_updated_at and updated_at become now', async () => {
    const { clock, entityId, sim, client, failed } = await setup();
    const records = failed('fix_first');
    const duplicate = records.find(
      (r) => r.object_type === 'receivable' && flawOf(r.errors) === 'duplicate_number',
    )!;
    const untaxed = records.find((r) => r.object_type === 'bill' && flawOf(r.errors) === 'missing_tax_rate')!;
    expect(await document(client, untaxed)).not.toHaveProperty('tax');
    clock.advance(60_000);

    for (const r of [duplicate, untaxed]) {
      const fixed = sim.store.fix(entityId, r.id);
      expect(fixed).toMatchObject({
        sync_status: 'error',
        errors: r.errors,
        object_updated_at: new Date(clock.now()).toISOString(),
        updated_at: new Date(clock.now()).toISOString(),
      });
    }
    const number = (await document(client, duplicate)).document_id;
    const numbers = await receivableNumbers(client, sim.store.records(entityId, 'receivable'));
    expect(numbers.filter((n) => n === number)).toHaveLength(1);
    expect(await document(client, untaxed)).toHaveProperty('tax');
    expect(() => sim.store.fix(entityId, 'nope')).toThrow(/No record/);
  });

  it('lets the next push take the ordinary draw: most fixed records go through', async () => {
    const { entityId, sim, failed, pushAll } = await setup();
    const records = failed('fix_first');
    for (const r of records) sim.store.fix(entityId, r.id);
    const settled = await pushAll(records);
    const done = settled.filter((r) => r.sync_status === 'done').length / records.length;
    expect(done).toBeGreaterThan(0.55);
    expect(done).toBeLessThan(0.85);
  });
});

describe('the bookkeeper (demo mode)', () => {
  const bookkeeper = { fixAfterMs: [120_000, 300_000] as const };

  it('fixes each failure a push could not get past, minutes after it failed', async () => {
    const { clock, entityId, sim, failed, pushAll } = await setup({ bookkeeper });
    const records = failed('fix_first').slice(0, 30);
    // Seeded failures wait for a push: nobody has looked at them yet.
    clock.advance(600_000);
    expect(records.map((r) => sim.store.record(entityId, r.id)!.object_updated_at)).toEqual(
      records.map((r) => r.object_updated_at),
    );

    const failedAt = clock.now() + 2000;
    const again = await pushAll(records);
    expect(again.every((r) => r.sync_status === 'error')).toBe(true);
    clock.advance(120_000 - 2001);
    expect(again.map((r) => sim.store.record(entityId, r.id)!.object_updated_at)).toEqual(
      records.map((r) => r.object_updated_at),
    );
    clock.advance(182_001);
    const fixedAt = again.map((r) => Date.parse(sim.store.record(entityId, r.id)!.object_updated_at));
    for (const at of fixedAt) {
      expect(at).toBeGreaterThanOrEqual(failedAt + 120_000);
      expect(at).toBeLessThanOrEqual(failedAt + 300_000);
    }
    expect(new Set(fixedAt).size).toBeGreaterThan(10);
    const next = await pushAll(records);
    expect(next.filter((r) => r.sync_status === 'done').length).toBeGreaterThan(10);

    // The same on every run with this seed.
    const rerun = await setup({ bookkeeper });
    rerun.clock.advance(600_000);
    await rerun.pushAll(records);
    rerun.clock.advance(300_000);
    const rerunFixedAt = records.map((r) =>
      Date.parse(rerun.sim.store.record(rerun.entityId, r.id)!.object_updated_at),
    );
    expect(rerunFixedAt).toEqual(fixedAt);
  });

  it('leaves transient failures alone, and is off unless asked for', async () => {
    const withBookkeeper = await setup({ bookkeeper });
    const transient = withBookkeeper.failed('retry');
    const settled = await withBookkeeper.pushAll(transient);
    withBookkeeper.clock.advance(600_000);
    for (const r of settled) {
      expect(withBookkeeper.sim.store.record(withBookkeeper.entityId, r.id)!.object_updated_at).toBe(
        r.object_updated_at,
      );
    }

    const { clock, entityId, sim, failed, pushAll } = await setup();
    const records = failed('fix_first').slice(0, 10);
    await pushAll(records);
    clock.advance(1_800_000);
    const later = await pushAll(records);
    expect(later.every((r) => r.sync_status === 'error')).toBe(true);
    expect(records.map((r) => sim.store.record(entityId, r.id)!.object_updated_at)).toEqual(
      records.map((r) => r.object_updated_at),
    );
  });
});
