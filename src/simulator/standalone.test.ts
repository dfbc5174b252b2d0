import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RecordsPage } from '../contract/api';
import { addUser } from '../bff/auth';
import { openDatabase } from '../bff/db/database';
import { startEntryPoint, startServer, type ChildProcess } from '../bff/test/child-process';

const PASSWORD = 'correct horse battery staple';
const PUSH = 'POST /accounting_synced_records/:synced_record_id/push';

/** `npm run simulator` and a BFF in another process pointed at it by the environment it printed. */
describe('standalone simulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sync-desk-standalone-'));
  let simulator: ChildProcess;
  let env: Record<string, string>;
  let control: string;

  beforeAll(async () => {
    simulator = await startEntryPoint('src/simulator/main.ts', {
      args: ['--port', '0', '--records', '50', '--push-delay-ms', '0'],
      ready: /^MONITE_VERSION=.*$/m,
    });
    env = Object.fromEntries(
      [...simulator.output().matchAll(/^(MONITE_[A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
    );
    control = env.MONITE_API_URL!.replace(/\/v1$/, '/__simulator');
  }, 30_000);

  afterAll(async () => {
    await simulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const controlCall = (path: string, body?: unknown) =>
    fetch(`${control}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const counts = async () =>
    (await (await controlCall('/requests')).json()) as {
      total: number;
      byOperation: Record<string, number>;
      byStatus: Record<string, number>;
    };

  /** Monite's entity list, unauthenticated: its own answer is 401, so a fault shows plainly. */
  const entities = () =>
    fetch(`${env.MONITE_API_URL}/entities`, { headers: { 'x-monite-version': env.MONITE_VERSION! } });

  /** A BFF in its own process on a fresh SQLite file, with the environment the simulator printed. */
  async function startBff(): Promise<ChildProcess> {
    const databaseUrl = `sqlite:${join(dir, 'sync-desk.db')}`;
    const db = await openDatabase(databaseUrl);
    await addUser(db, 'operator@example.com', 'operator', PASSWORD);
    await db.destroy();
    return startServer({ ...env, DATABASE_URL: databaseUrl });
  }

  it('prints the MONITE_* environment a BFF needs, and the BFF lists its records through it', async () => {
    const bff = await startBff();
    onTestFinished(() => bff.stop());
    const bffUrl = bff.ready[1]!;
    expect(env.MONITE_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(env.MONITE_CLIENT_ID).toMatch(/^[0-9a-f-]{36}$/);
    expect(env.MONITE_CLIENT_SECRET?.length).toBeGreaterThanOrEqual(24);
    expect(env.MONITE_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const entityIds = env.MONITE_ENTITY_IDS!.split(',');
    expect(entityIds).toHaveLength(2);
    // Not demo mode: the BFF says which Monite it talks to.
    expect(bff.ready[2]).toBe(`Monite: ${env.MONITE_API_URL}`);

    const origin = new URL(bffUrl).origin;
    const signIn = await fetch(`${bffUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sync-desk': '1', origin },
      body: JSON.stringify({ email: 'operator@example.com', password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const headers = {
      cookie: signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
      'x-sync-desk': '1',
      origin,
    };
    const entityId = entityIds[0]!;
    expect(
      (await fetch(`${bffUrl}/api/entities/${entityId}/refresh`, { method: 'POST', headers })).status,
    ).toBe(200);
    const page = (await (
      await fetch(`${bffUrl}/api/entities/${entityId}/records?limit=200`, { headers })
    ).json()) as RecordsPage;
    // RECORDS=50 over the two default entities, 4 : 1.
    expect(page.total).toBe(40);
    expect((await counts()).byOperation['GET /accounting_synced_records']).toBeGreaterThan(0);

    // A forced outcome: a failed record pushed through the BFF now succeeds.
    const failed = page.data.find((r) => r.sync_status === 'error')!;
    const forced = await controlCall(`/records/${failed.id}/outcome`, { outcome: 'done' });
    expect(forced.status).toBe(204);
    const pushes = async () => (await counts()).byOperation[PUSH] ?? 0;
    const pushesBefore = await pushes();
    const push = await fetch(`${bffUrl}/api/entities/${entityId}/records/${failed.id}/push`, {
      method: 'POST',
      headers,
    });
    expect(push.status).toBe(200);
    const after = await (
      await fetch(`${bffUrl}/api/entities/${entityId}/records/${failed.id}`, { headers })
    ).json();
    expect(after.sync_status).toBe('done');
    expect(await pushes()).toBe(pushesBefore + 1);

    // The controls live on the simulator's port only. (A GET of a page-like path would get the
    // SPA's index.html when a build exists, so the controls are tried with their own methods.)
    for (const [method, path] of [
      ['DELETE', '/__simulator/requests'],
      ['POST', `/__simulator/records/${failed.id}/fix`],
      ['GET', '/api/__simulator/requests'],
    ] as const) {
      const res = await fetch(`${bffUrl}${path}`, { method, headers });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  }, 60_000);

  it('injects 429s, an outage and 5xx over HTTP, and counts requests per operation and status', async () => {
    expect((await fetch(`${control}/requests`, { method: 'DELETE' })).status).toBe(204);
    expect((await counts()).total).toBe(0);

    expect(
      (await controlCall('/faults', { fault: 'throttleNext', count: 1, retryAfterSeconds: 3 })).status,
    ).toBe(204);
    const throttled = await entities();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect((await entities()).status).toBe(401); // no token: past the fault, Monite's own answer

    expect((await controlCall('/faults', { fault: 'randomFailures', rate: 1, status: 503 })).status).toBe(
      204,
    );
    expect((await entities()).status).toBe(503);
    expect((await entities()).status).toBe(503);
    expect((await controlCall('/faults', { fault: 'randomFailures', rate: 0 })).status).toBe(204);
    expect((await entities()).status).toBe(401);

    expect(await counts()).toEqual({
      total: 5,
      byOperation: { 'GET /entities': 5 },
      byStatus: { 401: 2, 429: 1, 503: 2 },
    });
    // The log, in order, without the headers (they carry the access token).
    const { requests } = (await (await controlCall('/requests/log')).json()) as {
      requests: Record<string, unknown>[];
    };
    expect(requests.map((r) => r.status)).toEqual([429, 401, 503, 503, 401]);
    expect(Object.keys(requests[0]!)).toEqual(['at', 'method', 'path', 'operation', 'status']);

    expect((await controlCall('/faults', { fault: 'failNext', count: 1, status: 502 })).status).toBe(204);
    expect((await entities()).status).toBe(502);
    // The simulator's own checks answer 400: an injected failure before processing is a 5xx.
    const refused = await controlCall('/faults', { fault: 'failNext', count: 1, status: 404 });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/5xx/),
    });
    const unknown = await controlCall('/faults', { fault: 'meteorStrike' });
    expect(unknown.status).toBe(400);
    expect((await controlCall('/records/nope/outcome', { outcome: 'done' })).status).toBe(404);
  });
});
