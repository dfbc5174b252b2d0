/** The simulator's operations and responses against Monite's published OpenAPI document. */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { readMoniteOpenApi } from '../monite/published';
import { MONITE_VERSION } from '../monite/schemas';
import { BASE, clientFor, mswServer, requestToken } from './test-support';

const openapi = readMoniteOpenApi();
const msw = mswServer();

/** The schema violations in `body` against one of the document's schemas, as `[]` when it conforms. */
const violations = (() => {
  // strict: false — OpenAPI documents carry keywords JSON Schema does not know (`discriminator`).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(openapi, 'doc');
  return (schema: string, body: unknown) => {
    const validate = ajv.getSchema(`doc#/components/schemas/${schema}`);
    if (!validate) throw new Error(`no schema ${schema}`);
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${schema}${e.instancePath} ${e.message}`);
  };
})();

/**
 * The spec types the page tokens as plain strings but its description says they are `null` when
 * there is no such page (API.md §4); the simulator follows the description, so null tokens are
 * checked here and the rest of the page against the schema.
 */
function withoutNullTokens(page: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(page).filter(([k, v]) => !(k.endsWith('_pagination_token') && v === null)),
  );
}

describe("responses match Monite's schemas", () => {
  it('token, list pages, get and push', async () => {
    const sim = msw.use();
    const entityId = sim.entities[0]?.id;
    const tokenRes = await requestToken();
    expect(violations('AccessTokenResponse', await tokenRes.json())).toEqual([]);

    const client = await clientFor(entityId);
    const first = await client.get('/accounting_synced_records', {
      query: { object_type: 'bill', limit: 100 },
    });
    const middle = await client.get('/accounting_synced_records', {
      query: { pagination_token: first.body.next_pagination_token, limit: 100 },
    });
    expect(typeof middle.body.next_pagination_token).toBe('string');
    expect(typeof middle.body.prev_pagination_token).toBe('string');
    expect(violations('SyncRecordResourceList', middle.body)).toEqual([]);
    expect(first.body.prev_pagination_token).toBeNull();
    expect(violations('SyncRecordResourceList', withoutNullTokens(first.body))).toEqual([]);
    const empty = await client.get('/accounting_synced_records', {
      query: { object_type: 'bill', created_at__gt: '2100-01-01T00:00:00Z' },
    });
    expect(empty.body).toEqual({ data: [], next_pagination_token: null, prev_pagination_token: null });
    expect(violations('SyncRecordResourceList', withoutNullTokens(empty.body))).toEqual([]);

    const records = sim.store.records(entityId ?? '');
    for (const status of ['done', 'error', 'pending']) {
      const record = records.find((r) => r.sync_status === status);
      expect(
        violations('SyncRecordResource', (await client.get(`/accounting_synced_records/${record?.id}`)).body),
      ).toEqual([]);
    }
    expect(
      violations(
        'SyncRecordResource',
        (await client.post(`/accounting_synced_records/${records[0]?.id}/push`)).body,
      ),
    ).toEqual([]);
  });

  it('error bodies', async () => {
    const sim = msw.use();
    const client = await clientFor(sim.entities[0]?.id);
    const list = (query: Record<string, string>, headers?: Record<string, string | undefined>) =>
      client.get('/accounting_synced_records', { query, headers });
    const cases = [
      [await list({ object_type: 'bill' }, { authorization: 'Bearer nope' }), 401, 'ErrorSchemaResponse'],
      [await list({ object_type: 'bill' }, { 'x-monite-version': undefined }), 400, 'ErrorSchemaResponse'],
      [await list({ object_type: 'nope', limit: '0' }), 422, 'HTTPValidationError'],
      [
        await client.get('/accounting_synced_records/00000000-0000-4000-8000-000000000000'),
        404,
        'ErrorSchemaResponse',
      ],
    ] as const;
    for (const [res, status, schema] of cases) {
      expect(res.status).toBe(status);
      expect(violations(schema, res.body)).toEqual([]);
    }
    sim.faults.failNext(1, 500);
    expect(violations('ErrorSchemaResponse', (await list({ object_type: 'bill' })).body)).toEqual([]);
    const badToken = await fetch(`${BASE}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-monite-version': MONITE_VERSION },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(violations('HTTPValidationError', await badToken.json())).toEqual([]);
  });
});

describe("documents match Monite's schemas", () => {
  const LISTS = [
    ['/receivables', ['receivable'], 'ReceivablePaginationResponse'],
    ['/payables', ['bill'], 'PayablePaginationResponse'],
    ['/counterparts', ['customer', 'vendor'], 'CounterpartPaginationResponse'],
    ['/products', ['product'], 'ProductServicePaginationResponse'],
  ] as const;

  it('every synced record of both entities resolves to a document of its kind that conforms', async () => {
    const sim = msw.use();
    for (const entity of sim.entities) {
      const client = await clientFor(entity.id);
      for (const [path, types, schema] of LISTS) {
        const ids = types.flatMap((t) => sim.store.records(entity.id, t).map((r) => r.object_id));
        for (let i = 0; i < ids.length; i += 100) {
          const batch = ids.slice(i, i + 100);
          const res = await client.get(path, { query: { id__in: batch } });
          expect(res.status).toBe(200);
          expect(violations(schema, withoutNullTokens(res.body))).toEqual([]);
          expect(res.body.data.map((d: { id: string }) => d.id).toSorted()).toEqual(batch.toSorted());
        }
      }
      const payments = sim.store.records(entity.id, 'payment_record').map((r) => r.object_id);
      for (const id of payments) {
        const res = await client.get(`/payment_records/${id}`);
        expect(res.status).toBe(200);
        expect(violations('PaymentRecordResponse', res.body)).toEqual([]);
      }
      // The list has no id filter: it pages through every payment record of the entity.
      const listed: string[] = [];
      let token: string | undefined;
      do {
        const res = await client.get('/payment_records', { query: token ? { pagination_token: token } : {} });
        expect(res.status).toBe(200);
        expect(violations('PaymentRecordResponseList', withoutNullTokens(res.body))).toEqual([]);
        listed.push(...res.body.data.map((d: { id: string }) => d.id));
        token = res.body.next_pagination_token ?? undefined;
      } while (token);
      expect(listed.toSorted()).toEqual(payments.toSorted());
    }
  });

  it('errors: malformed ids 422, an unknown payment record 404', async () => {
    const sim = msw.use();
    const client = await clientFor(sim.entities[0]?.id);
    const bad = await client.get('/receivables', { query: { id__in: ['nope'] } });
    expect(bad.status).toBe(422);
    expect(violations('HTTPValidationError', bad.body)).toEqual([]);
    const unknown = await client.get('/payment_records/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(violations('ErrorSchemaResponse', unknown.body)).toEqual([]);
  });
});

describe("the simulator serves only Monite's operations", () => {
  it('every path and method exists', () => {
    const sim = msw.use();
    const served = sim.handlers.map((h) => {
      if (!(h instanceof HttpHandler)) throw new Error('expected only HTTP handlers');
      const path = String(h.info.path)
        .replace(/^\*\/v1/, '')
        .replace(/:(\w+)/g, '{$1}');
      return `${String(h.info.method).toLowerCase()} ${path}`;
    });
    expect(served).toHaveLength(11);
    const unknown = served.filter((op) => {
      const [method = '', path = ''] = op.split(' ');
      return openapi.paths[path]?.[method] === undefined;
    });
    expect(unknown).toEqual([]);
  });

  it('entities match EntityPaginationResponse', async () => {
    msw.use();
    const res = await (await clientFor(undefined)).get('/entities');
    expect(violations('EntityPaginationResponse', res.body)).toEqual([]);
  });
});
