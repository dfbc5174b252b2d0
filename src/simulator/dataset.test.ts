import { describe, expect, it } from 'vitest';
import { summariseErrors } from '../monite/errors-text';
import { OBJECT_TYPES, PLATFORMS, PROVIDERS } from '../monite/schemas';
import { entityDisplayName, entityListSchema } from '../monite/server-schemas.server';
import { createSimulator, type SimRecord } from './index';
import { familyOf } from './provider-errors';
import { PROVIDER_MESSAGES } from './provider-messages';
import { CLIENT_ID, CLIENT_SECRET, clientFor, mswServer, START, steppingClock } from './test-support';

const msw = mswServer();
const DAY = 86_400_000;

const build = (seed?: number) =>
  createSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, seed, now: steppingClock().now });

describe('the seeded dataset', () => {
  const sim = build();
  const all = sim.entities.flatMap((e) => sim.store.records(e.id));
  const share = (pred: (r: SimRecord) => boolean) => all.filter(pred).length / all.length;

  it('has the two default entities with stable ids and 2,400 + 600 records', () => {
    expect(sim.entities.map((e) => [e.name, e.type, e.displayName])).toEqual([
      ['Acme Trading GmbH', 'organization', 'Acme Trading GmbH'],
      ['Northwind Studio', 'individual', 'Nora Winters'],
    ]);
    expect(sim.entities.map((e) => sim.store.records(e.id).length)).toEqual([2400, 600]);
    expect(build().entities).toEqual(sim.entities);
    expect(build(2).entities[0]?.id).not.toBe(sim.entities[0]?.id);
  });

  it('is identical for the same seed and clock', () => {
    const again = build();
    expect(again.entities.flatMap((e) => again.store.records(e.id))).toEqual(all);
  });

  it('has about 10% errors and 3% pending, the rest done', () => {
    expect(share((r) => r.sync_status === 'error')).toBeGreaterThan(0.08);
    expect(share((r) => r.sync_status === 'error')).toBeLessThan(0.12);
    expect(share((r) => r.sync_status === 'pending')).toBeGreaterThan(0.015);
    expect(share((r) => r.sync_status === 'pending')).toBeLessThan(0.045);
  });

  it('covers every object type and every provider × platform pair in each entity', () => {
    for (const entity of sim.entities) {
      const records = sim.store.records(entity.id);
      expect(new Set(records.map((r) => r.object_type))).toEqual(new Set(OBJECT_TYPES));
      const pairs = new Set(records.map((r) => `${r.provider}/${r.platform}`));
      expect(pairs).toEqual(new Set(PROVIDERS.flatMap((p) => PLATFORMS.map((pl) => `${p}/${pl}`))));
    }
  });

  it('spreads believable timestamps over the last 90 days', () => {
    for (const r of all) {
      const created = Date.parse(r.created_at);
      const updated = Date.parse(r.updated_at);
      expect(created).toBeGreaterThan(START - 91 * DAY);
      expect(updated).toBeGreaterThanOrEqual(created);
      expect(updated).toBeLessThanOrEqual(START);
      expect(Date.parse(r.last_pulled_at)).toBeGreaterThanOrEqual(updated);
      expect(Date.parse(r.object_updated_at)).toBeLessThanOrEqual(updated);
    }
    expect(new Set(all.map((r) => r.object_id)).size).toBe(all.length);
  });

  it('gives failed records the provider’s error shape with a message from their platform', () => {
    const failed = all.filter((r) => r.sync_status === 'error');
    for (const r of failed.filter((x) => x.provider === 'codat')) {
      expect(r.errors).toMatchObject({
        status: 'Failed',
        statusCode: 400,
        errorMessage: expect.stringMatching(/Correlation ID: [0-9a-f]{32}\. Message: Push failed for/),
        validation: {
          errors: [
            { itemId: expect.any(String), message: expect.any(String), validatorName: expect.any(String) },
          ],
        },
        dataType: expect.any(String),
      });
    }
    for (const r of failed.filter((x) => x.provider === 'railz')) {
      expect(r.errors).toMatchObject({
        status: 'failed',
        responseCode: 400,
        serviceName: familyOf(r.platform),
        validation: { errors: [{ field: expect.any(String), message: expect.any(String) }] },
        dataType: expect.any(String),
      });
    }
    const mismatched = failed.filter((r) => {
      const source = PROVIDER_MESSAGES.find((m) => m.text === summariseErrors(r.errors));
      return source?.family !== familyOf(r.platform) || !source.objectTypes.includes(r.object_type);
    });
    expect(mismatched).toEqual([]);
    for (const r of all.filter((x) => x.sync_status !== 'error')) expect(r.errors).toEqual({});
  });

  it('has a platform message for every object type on Xero and on QuickBooks', () => {
    const uncovered = (['xero', 'quickbooks'] as const).flatMap((family) =>
      OBJECT_TYPES.filter(
        (type) => !PROVIDER_MESSAGES.some((m) => m.family === family && m.objectTypes.includes(type)),
      ).map((type) => `${family}/${type}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('refuses a client id that is not a uuid', () => {
    expect(() => createSimulator({ clientId: 'demo', clientSecret: 'x' })).toThrow(/uuid/);
  });
});

describe('GET /v1/entities', () => {
  it('lists the partner’s entities as EntityResponse, without an entity header', async () => {
    const sim = msw.use({
      entities: [
        { name: 'Acme Trading GmbH', records: 1 },
        { name: 'Nora Winters', records: 1, type: 'individual' },
      ],
    });
    const client = await clientFor(undefined);
    const res = await client.get('/entities');
    expect(res.status).toBe(200);
    const parsed = entityListSchema.parse(res.body);
    expect(parsed.data.map(entityDisplayName)).toEqual(sim.entities.map((e) => e.displayName));
    expect(res.body.data[0]).toMatchObject({
      type: 'organization',
      organization: { legal_name: 'Acme Trading GmbH' },
      status: 'active',
    });
    expect(res.body.data[1]).toMatchObject({
      type: 'individual',
      individual: { first_name: 'Nora', last_name: 'Winters' },
    });
    for (const e of res.body.data)
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['id', 'created_at', 'updated_at', 'address', 'status']),
      );
    expect(res.body.prev_pagination_token).toBeNull();
    expect(res.body.next_pagination_token).toBeNull();
  });

  it('pages with limit 1..100 and a pagination token', async () => {
    const sim = msw.use({ entities: [1, 2, 3].map((i) => ({ name: `Entity ${i}`, records: 0 })) });
    const client = await clientFor(undefined);
    expect((await client.get('/entities', { query: { limit: 0 } })).status).toBe(422);
    expect((await client.get('/entities', { query: { limit: 101 } })).status).toBe(422);
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof client.get>> = await client.get('/entities', {
        query: token ? { pagination_token: token, limit: 2 } : { limit: 2 },
      });
      seen.push(...res.body.data.map((e: { id: string }) => e.id));
      token = res.body.next_pagination_token;
    } while (token);
    expect(seen.toSorted()).toEqual(sim.entities.map((e) => e.id).toSorted());
  });
});
