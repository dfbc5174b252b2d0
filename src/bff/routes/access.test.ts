/**
 * Route by route: a bookkeeper granted entity A walks every route of the app against entity B
 * (and a record, job and audit entry of B) and learns nothing of it: 404 exactly as for an entity
 * Sync Desk does not serve, or a list without B. The routes come from the app itself (Fastify's
 * onRoute hook): a route without a case here fails the test, so a new one cannot skip the walk.
 */
import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, revokeEntity } from '../auth';
import { PASSWORD, SAME_ORIGIN, startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

const UNKNOWN = '99999999-9999-4999-8999-999999999999';
type Headers = Record<string, string>;
type Fixture = { bff: Bff; a: string; b: string; recordB: string; jobB: string; bookkeeperId: string };
type Check = (f: Fixture, headers: Headers) => Promise<void>;

async function signIn(bff: Bff, email: string): Promise<Headers> {
  const res = await bff.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: SAME_ORIGIN,
    payload: { email, password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return { ...SAME_ORIGIN, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

/** Asks `path` (`{entity}`, `{record}`, `{job}` filled in) about B, then about an unknown entity: both the same 404. */
const notFoundLikeUnknown =
  (method: string, path: string, payload?: object): Check =>
  async (f, headers) => {
    const ask = (entity: string) =>
      f.bff.app.inject({
        method: method as 'GET',
        url: path.replace('{entity}', entity).replace('{record}', f.recordB).replace('{job}', f.jobB),
        headers,
        ...(payload && { payload }),
      });
    const [forB, forUnknown] = [await ask(f.b), await ask(UNKNOWN)];
    expect(forB.statusCode, `${method} ${path}`).toBe(404);
    expect(forB.json()).toEqual({
      error: { code: 'not_found', message: `Sync Desk does not serve entity ${f.b}.` },
    });
    expect(forUnknown.json().error.message.replace(UNKNOWN, f.b)).toBe(forB.json().error.message);
  };

const withoutB =
  (method: string, url: string): Check =>
  async (f, headers) => {
    const res = await f.bff.app.inject({ method: method as 'GET', url, headers });
    expect(res.statusCode, `${method} ${url}`).toBeLessThan(300);
    expect(res.body).not.toContain(f.b);
    expect(res.body).not.toContain(f.recordB);
  };

const answers =
  (method: string, url: string, status: number): Check =>
  async (f, headers) => {
    const res = await f.bff.app.inject({ method: method as 'GET', url, headers, payload: {} });
    expect(res.statusCode, `${method} ${url}`).toBe(status);
    expect(res.body).not.toContain(f.b);
  };

const admin =
  (method: string, url: string): Check =>
  async (f, headers) => {
    const res = await f.bff.app.inject({
      method: method as 'GET',
      url: url.replace(':userId', f.bookkeeperId).replace(':grantedEntity', f.b),
      headers,
      payload: { role: 'operator' },
    });
    expect(res.statusCode, `${method} ${url}`).toBe(403);
  };

const CASES: Record<string, Check> = {
  'GET /api/entities': withoutB('GET', '/api/entities'),
  'GET /api/entities/:entityId/records': notFoundLikeUnknown('GET', '/api/entities/{entity}/records'),
  'GET /api/entities/:entityId/records.csv': notFoundLikeUnknown('GET', '/api/entities/{entity}/records.csv'),
  'GET /api/entities/:entityId/records/:recordId': notFoundLikeUnknown(
    'GET',
    '/api/entities/{entity}/records/{record}',
  ),
  'POST /api/entities/:entityId/refresh': notFoundLikeUnknown('POST', '/api/entities/{entity}/refresh'),
  'GET /api/entities/:entityId/records/:recordId/history': notFoundLikeUnknown(
    'GET',
    '/api/entities/{entity}/records/{record}/history',
  ),
  'POST /api/entities/:entityId/records/:recordId/push': notFoundLikeUnknown(
    'POST',
    '/api/entities/{entity}/records/{record}/push',
  ),
  'POST /api/entities/:entityId/records/:recordId/mark': notFoundLikeUnknown(
    'POST',
    '/api/entities/{entity}/records/{record}/mark',
    { kind: 'resolved', reason: 'entered by hand' },
  ),
  'DELETE /api/entities/:entityId/records/:recordId/mark': notFoundLikeUnknown(
    'DELETE',
    '/api/entities/{entity}/records/{record}/mark',
  ),
  'POST /api/entities/:entityId/push-jobs': notFoundLikeUnknown('POST', '/api/entities/{entity}/push-jobs', {
    ids: ['99999999-9999-4999-8999-000000000001'],
  }),
  'GET /api/entities/:entityId/push-jobs': notFoundLikeUnknown('GET', '/api/entities/{entity}/push-jobs'),
  'GET /api/entities/:entityId/push-jobs/:jobId': notFoundLikeUnknown(
    'GET',
    '/api/entities/{entity}/push-jobs/{job}',
  ),
  'DELETE /api/entities/:entityId/push-jobs/:jobId': notFoundLikeUnknown(
    'DELETE',
    '/api/entities/{entity}/push-jobs/{job}',
  ),
  'GET /api/audit': withoutB('GET', '/api/audit'),
  'GET /api/audit.csv': withoutB('GET', '/api/audit.csv'),
  'GET /api/session': withoutB('GET', '/api/session'),
  // Signing in again answers the session too; signing out names no entity.
  'POST /api/session': async (f) => {
    const res = await f.bff.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: SAME_ORIGIN,
      payload: { email: 'bookkeeper@example.com', password: PASSWORD },
    });
    expect(res.json().user.grants).toEqual([{ entity_id: f.a, role: 'operator' }]);
  },
  // Signing in through an identity provider names no entity (none is configured here: 404);
  // its grants are checked in auth/oidc.test.ts.
  'GET /api/session/oidc/start': answers('GET', '/api/session/oidc/start', 404),
  'GET /api/session/oidc/callback': answers('GET', '/api/session/oidc/callback', 404),
  'GET /api/openapi.json': answers('GET', '/api/openapi.json', 200),
  'GET /healthz': answers('GET', '/healthz', 200),
  'GET /readyz': answers('GET', '/readyz', 200),
  'GET /api/admin/staff': admin('GET', '/api/admin/staff'),
  'PUT /api/admin/staff/:userId/grants/:grantedEntity': admin(
    'PUT',
    '/api/admin/staff/:userId/grants/:grantedEntity',
  ),
  'DELETE /api/admin/staff/:userId/grants/:grantedEntity': admin(
    'DELETE',
    '/api/admin/staff/:userId/grants/:grantedEntity',
  ),
  'PUT /api/admin/staff/:userId/role': admin('PUT', '/api/admin/staff/:userId/role'),
  'POST /api/admin/staff/:userId/disable': admin('POST', '/api/admin/staff/:userId/disable'),
  // Last: it ends the session the walk uses.
  'DELETE /api/session': answers('DELETE', '/api/session', 204),
};

describe('every route, as a user granted entity A only, against entity B', () => {
  it('answers 404 like an unknown entity, or lists without B; no route goes unchecked', async () => {
    const routes: string[] = [];
    const bff = await startBff(
      {
        entities: [
          { name: 'Alpha GmbH', records: 40 },
          { name: 'Beta Ltd', records: 40 },
        ],
      },
      {
        roles: ['admin'],
        onRoute: (route: RouteOptions) => {
          // HEAD answers as its GET does.
          for (const method of [route.method].flat())
            if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
        },
      },
    );
    const [a, b] = bff.sim.entities.map((e) => e.id) as [string, string];
    // The bookkeeper could once see B and pushed there: those entries must no longer show.
    const bookkeeper = await addUser(bff.deps.db, 'bookkeeper@example.com', 'operator', PASSWORD, {
      entities: [a, b],
      grantedBy: 'test',
    });
    await Promise.all([bff.deps.refresher.refresh(a), bff.deps.refresher.refresh(b)]);
    const failedB = bff.sim.store.records(b).filter((r) => r.sync_status === 'error');
    const recordB = failedB[0]!.id;
    const own = await signIn(bff, 'bookkeeper@example.com');
    const pushed = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${b}/records/${failedB[1]!.id}/push`,
      headers: own,
    });
    expect(pushed.statusCode).toBe(200);
    const adminHeaders = await signIn(bff, 'admin@example.com');
    const job = await bff.app.inject({
      method: 'POST',
      url: `/api/entities/${b}/push-jobs`,
      headers: adminHeaders,
      payload: { ids: [recordB] },
    });
    expect(job.statusCode).toBe(201);
    await revokeEntity(bff.deps.db, { userId: bookkeeper.id, entityId: b });

    const fixture: Fixture = { bff, a, b, recordB, jobB: job.json().id, bookkeeperId: bookkeeper.id };
    const headers = await signIn(bff, 'bookkeeper@example.com');
    expect(
      routes.filter((r) => !(r in CASES)),
      'routes without an access case',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((r) => !routes.includes(r)),
      'cases of no route',
    ).toEqual([]);

    // Within A's own paths, B's record and job are not found either.
    const viaA = (url: string) => bff.app.inject({ url: url.replace('{a}', a), headers });
    expect((await viaA(`/api/entities/{a}/records/${recordB}`)).statusCode).toBe(404);
    expect((await viaA(`/api/entities/{a}/push-jobs/${fixture.jobB}`)).statusCode).toBe(404);
    expect((await viaA(`/api/entities/{a}/records?ids=${recordB}`)).json().data).toEqual([]);
    // And A still works.
    expect((await viaA('/api/entities/{a}/records')).statusCode).toBe(200);

    for (const check of Object.values(CASES)) await check(fixture, headers);
    await bff.close();
  });
});
