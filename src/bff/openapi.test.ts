import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { SAME_ORIGIN, startBff, takeResponseProblems, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

type Document = { openapi: string; paths: Record<string, Record<string, unknown>> };

/** "GET /api/entities/{entityId}"-style names of the routes `printRoutes` shows, HEAD aside. */
function servedRoutes(tree: string): string[] {
  const parents: string[] = [];
  return tree.split('\n').flatMap((line) => {
    const match = /^([│├└─ ]*)(\S+) \(([^)]+)\)$/.exec(line);
    if (!match) return [];
    const depth = match[1]!.length / 4;
    const path = (parents[depth - 1] ?? '') + match[2]!;
    parents[depth] = path;
    return match[3]!
      .split(', ')
      .filter((method) => method !== 'HEAD')
      .map((method) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  });
}

describe('GET /api/openapi.json', () => {
  it('describes exactly the routes the BFF serves, to anyone, for GET only', async () => {
    const bff = await startBff();
    const res = await bff.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc: Document = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = servedRoutes(bff.app.printRoutes({ commonPrefix: false })).filter(
      (route) => route !== 'GET /api/openapi.json',
    );
    expect(documented.toSorted()).toEqual(served.toSorted());
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /api/entities/{entityId}/records',
        'POST /api/entities/{entityId}/records/{recordId}/push',
        'DELETE /api/entities/{entityId}/push-jobs/{jobId}',
        'GET /api/audit.csv',
        'GET /api/entities/{entityId}/records.csv',
        'GET /readyz',
      ]),
    );
    const post = await bff.app.inject({ method: 'POST', url: '/api/openapi.json', headers: SAME_ORIGIN });
    expect(post.statusCode).toBe(404);
    await bff.close();
  });

  it('says what each route takes: path ids, query filters and bodies', async () => {
    const bff = await startBff();
    const doc = (await bff.app.inject('/api/openapi.json')).json();
    const list = doc.paths['/api/entities/{entityId}/records'].get;
    expect(list.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:entityId', 'query:sync_status', 'query:cursor', 'query:limit']),
    );
    const signIn = doc.paths['/api/session'].post.requestBody.content['application/json'].schema;
    expect(signIn.required).toEqual(['email', 'password']);
    expect(Object.keys(doc.paths['/api/audit.csv'].get.responses['200'].content)).toEqual(['text/csv']);
    await bff.close();
  });
});

describe('GET /readyz', () => {
  it('documents its 503 and answers in that shape, naming the check that failed', async () => {
    const bff = await startBff();
    const doc = (await bff.app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths['/readyz'].get.responses)).toEqual(['200', '503', '4XX', '5XX']);
    bff.sim.faults.failNext(10, 503, '/auth/token');
    const res = await bff.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      ok: false,
      checks: { database: { ok: true }, monite: { ok: false, error: expect.any(String) } },
    });
    await bff.close();
  });
});

describe('request validation', () => {
  it('answers 400 in the error envelope, naming each field at fault', async () => {
    const bff = await startBff();
    const signIn = await bff.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: SAME_ORIGIN,
      payload: { email: 'nope', password: '' },
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json()).toEqual({
      error: {
        code: 'bad_request',
        message:
          'Invalid sign-in — email: Invalid email address; password: Too small: expected string to have >=1 characters',
        details: [
          { field: 'email', message: 'Invalid email address' },
          { field: 'password', message: 'Too small: expected string to have >=1 characters' },
        ],
      },
    });
    const headers = await bff.signIn('operator');
    const query = await bff.app.inject({
      url: `/api/entities/${bff.entityId}/records?limit=0&foo=1`,
      headers,
    });
    expect(query.json().error).toEqual({
      code: 'bad_request',
      message: 'Invalid query — limit: Too small: expected number to be >=1; query: Unrecognized key: "foo"',
      details: [
        { field: 'limit', message: 'Too small: expected number to be >=1' },
        { field: 'query', message: 'Unrecognized key: "foo"' },
      ],
    });
    const path = await bff.app.inject({ url: '/api/entities/not-a-uuid/push-jobs/nope', headers });
    expect(path.json().error.message).toBe('Invalid path — entityId: Invalid UUID; jobId: Invalid UUID');
    const job = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${bff.entityId}/push-jobs`,
      headers,
      payload: { ids: [] },
    });
    expect(job.json().error.message).toBe(
      'Invalid push job — ids: Too small: expected array to have >=1 items',
    );
    await bff.close();
  });
});

describe('the response check every BFF test runs', () => {
  it('reports a field the response schema lacks, and an undocumented status', async () => {
    const bff = await startBff();
    const schema = { response: { 200: z.object({ kept: z.string() }) } };
    bff.app.get('/api/extra-field', { schema }, async () => ({ kept: 'yes', dropped: 'silently' }));
    bff.app.get('/api/odd-status', async (_req, reply) => reply.code(202).send({ kept: 'yes' }));
    const headers = await bff.signIn('viewer');
    const extra = await bff.app.inject({ url: '/api/extra-field', headers });
    expect(extra.json()).toEqual({ kept: 'yes' });
    await bff.app.inject({ url: '/api/odd-status', headers });
    expect(takeResponseProblems()).toEqual([
      expect.stringMatching(/^GET \/api\/extra-field → 200: the serializer changed the body/),
      'GET /api/odd-status → 202: the status is not documented',
    ]);
    await bff.close();
  });
});
