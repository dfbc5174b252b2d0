import { describe, expect, it } from 'vitest';
import { MONITE_VERSION } from '../monite/schemas';
import { BASE, CLIENT_ID, CLIENT_SECRET, clientFor, mswServer, steppingClock } from './test-support';

const msw = mswServer();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const requestToken = (
  body: unknown,
  headers: Record<string, string> = { 'x-monite-version': MONITE_VERSION },
) =>
  fetch(`${BASE}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const grant = { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET };

describe('POST /v1/auth/token', () => {
  it('grants an opaque Bearer token that lasts tokenTtlSeconds', async () => {
    msw.use({ tokenTtlSeconds: 600 });
    const first = await requestToken(grant);
    const second = await requestToken(grant);
    expect(first.status).toBe(200);
    const a = await first.json();
    const b = await second.json();
    expect(a).toEqual({ access_token: expect.any(String), expires_in: 600, token_type: 'Bearer' });
    expect(a.access_token).not.toBe(b.access_token);
  });

  it('answers 401 with the error envelope for a wrong client id or secret', async () => {
    msw.use();
    for (const body of [
      { ...grant, client_secret: 'wrong' },
      { ...grant, client_id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await requestToken(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { message: expect.any(String) } });
    }
  });

  it('answers 422 in FastAPI shape for a malformed body', async () => {
    msw.use();
    const cases: [unknown, unknown[]][] = [
      ['{not json', [{ loc: ['body', 0], type: 'json_invalid' }]],
      [
        { grant_type: 'client_credentials', client_id: CLIENT_ID },
        [{ loc: ['body', 'client_secret'], type: 'missing' }],
      ],
      [{ ...grant, scope: 'all' }, [{ loc: ['body', 'scope'], type: 'extra_forbidden' }]],
      [{ ...grant, grant_type: 'password' }, [{ loc: ['body', 'grant_type'], type: 'enum' }]],
      [{ ...grant, client_id: 'not-a-uuid' }, [{ loc: ['body', 'client_id'], type: 'uuid_parsing' }]],
    ];
    for (const [body, detail] of cases) {
      const res = await requestToken(body);
      expect(res.status).toBe(422);
      const json = await res.json();
      expect(json.detail).toEqual(
        detail.map((d) => expect.objectContaining({ ...(d as object), msg: expect.any(String) })),
      );
    }
  });

  it('requires x-monite-version like every other operation', async () => {
    msw.use();
    const res = await requestToken(grant, {});
    expect(res.status).toBe(400);
    expect((await res.json()).error.type).toBe('missing_api_version');
  });
});

describe('common request rules', () => {
  it('answers 400 missing_api_version without x-monite-version', async () => {
    const sim = msw.use();
    const client = await clientFor(sim.entities[0]?.id);
    const res = await client.get('/accounting_synced_records', {
      query: { object_type: 'bill' },
      headers: { 'x-monite-version': undefined },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { type: 'missing_api_version', message: expect.any(String) } });
  });

  it('answers 401 without a token, with an unknown one, and with an expired one', async () => {
    const clock = steppingClock();
    const sim = msw.use({ now: clock.now, tokenTtlSeconds: 60 });
    const entityId = sim.entities[0]?.id;
    const client = await clientFor(entityId);
    const list = (authorization: string | undefined) =>
      client.get('/accounting_synced_records', {
        query: { object_type: 'bill', limit: 1 },
        headers: { authorization },
      });

    expect((await list(undefined)).status).toBe(401);
    const unknown = await list('Bearer not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ error: { message: expect.any(String) } });
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer');

    expect((await list(`Bearer ${client.token}`)).status).toBe(200);
    clock.advance(60_000);
    expect((await list(`Bearer ${client.token}`)).status).toBe(401);

    const fresh = await clientFor(entityId);
    expect((await fresh.get('/accounting_synced_records', { query: { object_type: 'bill' } })).status).toBe(
      200,
    );
    sim.faults.expireTokens();
    const expired = await fresh.get('/accounting_synced_records', { query: { object_type: 'bill' } });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it('requires a known entity uuid in x-monite-entity-id on synced-record calls', async () => {
    msw.use();
    const missing = await (
      await clientFor(undefined)
    ).get('/accounting_synced_records', { query: { object_type: 'bill' } });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ loc: ['header', 'x-monite-entity-id'], type: 'missing' });

    const malformed = await (
      await clientFor('acme')
    ).get('/accounting_synced_records', { query: { object_type: 'bill' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail[0]).toMatchObject({
      loc: ['header', 'x-monite-entity-id'],
      type: 'uuid_parsing',
    });

    const unknown = await (
      await clientFor('00000000-0000-4000-8000-000000000000')
    ).get('/accounting_synced_records', { query: { object_type: 'bill' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { message: expect.any(String) } });
  });

  it('sends a fresh x-request-id, echoes version and entity, and reports the rate limit', async () => {
    const sim = msw.use();
    const entityId = sim.entities[0]?.id;
    const client = await clientFor(entityId);
    const a = await client.get('/accounting_synced_records', { query: { object_type: 'bill', limit: 1 } });
    const b = await client.get('/accounting_synced_records', { query: { object_type: 'bill', limit: 1 } });
    expect(a.headers.get('x-request-id')).toMatch(UUID);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    expect(a.headers.get('x-monite-version')).toBe(MONITE_VERSION);
    expect(a.headers.get('x-monite-entity-id')).toBe(entityId);
    const rateHeaders = [
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-ratelimit-limit-second',
      'x-ratelimit-remaining-second',
    ];
    expect(Object.fromEntries(rateHeaders.map((h) => [h, a.headers.get(h)]))).toEqual(
      Object.fromEntries(rateHeaders.map((h) => [h, expect.stringMatching(/^\d+$/)])),
    );
  });

  it('logs each request with the headers the caller sent', async () => {
    const sim = msw.use();
    const entityId = sim.entities[0]?.id;
    const client = await clientFor(entityId);
    sim.store.clearRequests();
    await client.get('/accounting_synced_records', {
      query: { object_type: 'bill', object_id__in: [entityId ?? ''] },
    });
    expect(sim.store.requests).toHaveLength(1);
    const [entry] = sim.store.requests;
    expect(entry).toMatchObject({ method: 'GET', path: '/v1/accounting_synced_records', status: 200 });
    expect(entry?.query.get('object_type')).toBe('bill');
    expect(entry?.headers).toMatchObject({
      authorization: `Bearer ${client.token}`,
      'x-monite-version': MONITE_VERSION,
      'x-monite-entity-id': entityId,
    });
  });
});
