/**
 * Every request the BFF sends upstream, checked against Monite's published OpenAPI document:
 * the operation exists, each query parameter is declared and its value fits the declared schema,
 * and every required header is sent.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { readMoniteOpenApi } from '../monite/published';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

describe("the BFF's calls to Monite match Monite's OpenAPI document", () => {
  it('declares every operation, query parameter and value it sends, and sends every required header', async () => {
    const doc = readMoniteOpenApi();
    // Query values arrive as text: coerce them as a server would before checking their schema.
    const ajv = new Ajv2020({ strict: false, coerceTypes: 'array', allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: doc.components }, 'doc');
    const operations = Object.entries(doc.paths).map(([template, methods]) => ({
      pattern: new RegExp(`^/v1${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      methods,
    }));

    // Exercise every upstream path the BFF has: entities, a full scan and a refresh, a read, a push, documents.
    const bff = await startBff();
    const headers = await bff.signIn('operator');
    await bff.app.inject({ url: '/api/entities', headers });
    await bff.deps.refresher.refresh(bff.entityId);
    await bff.deps.refresher.refresh(bff.entityId);
    const failed = bff.sim.store.records(bff.entityId).find((r) => r.sync_status === 'error')!;
    await bff.app.inject({ url: `/api/entities/${bff.entityId}/records/${failed.id}`, headers });
    await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/records/${failed.id}/push`,
      headers,
    });
    await bff.monite.listEntities([bff.entityId]);
    const objectIds = (type: Parameters<typeof bff.sim.store.records>[1]) =>
      bff.sim.store
        .records(bff.entityId, type)
        .slice(0, 2)
        .map((r) => r.object_id);
    await bff.monite.getReceivables(bff.entityId, objectIds('receivable'));
    await bff.monite.getPayables(bff.entityId, objectIds('bill'));
    await bff.monite.getCounterparts(bff.entityId, objectIds('customer'));
    await bff.monite.getProducts(bff.entityId, objectIds('product'));
    await bff.monite.getPaymentRecords(bff.entityId, objectIds('payment_record'));
    // The document reader's calls, among them the payment record list.
    await bff.deps.documents.fill(bff.entityId);

    const problems: string[] = [];
    const seen = new Set<string>();
    for (const request of bff.sim.store.requests) {
      const operation = operations.find((o) => o.pattern.test(request.path))?.methods[
        request.method.toLowerCase()
      ];
      const name = `${request.method} ${request.path.replace(/[0-9a-f-]{36}/g, '{id}')}`;
      seen.add(name);
      if (!operation) {
        problems.push(`${name}: no such operation`);
        continue;
      }
      const declared = operation.parameters ?? [];
      for (const key of new Set(request.query.keys())) {
        const parameter = declared.find((p) => p.in === 'query' && p.name === key);
        if (!parameter) {
          problems.push(`${name}: undeclared query parameter ${key}`);
          continue;
        }
        const data = {
          value: request.query.getAll(key).length > 1 ? request.query.getAll(key) : request.query.get(key),
        };
        const validate = ajv.compile({ type: 'object', properties: { value: rebase(parameter.schema) } });
        if (!validate(data))
          problems.push(`${name}: ${key}=${request.query.get(key)} ${ajv.errorsText(validate.errors)}`);
      }
      for (const parameter of declared.filter((p) => p.in === 'header' && p.required)) {
        if (!request.headers[parameter.name])
          problems.push(`${name}: missing required header ${parameter.name}`);
      }
      if (operation.security?.length && !request.headers.authorization)
        problems.push(`${name}: no Authorization`);
    }
    expect(problems).toEqual([]);
    expect([...seen].toSorted()).toEqual([
      'GET /v1/accounting_synced_records',
      'GET /v1/accounting_synced_records/{id}',
      'GET /v1/counterparts',
      'GET /v1/entities',
      'GET /v1/payables',
      'GET /v1/payment_records',
      'GET /v1/payment_records/{id}',
      'GET /v1/products',
      'GET /v1/receivables',
      'POST /v1/accounting_synced_records/{id}/push',
      'POST /v1/auth/token',
    ]);
    await bff.close();
  });
});

/** Points the document's local `$ref`s at the copy registered as `doc`. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object;
}
