import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RecordsPage } from '../../contract/api';
import type { SyncRecord } from '../../monite/schemas';
import { verifyChain } from '../audit';
import { addUser } from '../auth';
import { startEntryPoint, startServer, type ChildProcess } from '../test/child-process';
import { openDatabase } from './database';
import { createTestDatabase } from './test-postgres';

const PASSWORD = 'correct horse battery staple';
const PUSH = 'POST /accounting_synced_records/:synced_record_id/push';

/** `npm start` on PostgreSQL: the real server in its own process, over the standalone simulator. */
describe('the server on PostgreSQL', () => {
  let simulator: ChildProcess;
  let env: Record<string, string>;
  let databaseUrl: string;

  beforeAll(async () => {
    [simulator, databaseUrl] = await Promise.all([
      startEntryPoint('src/simulator/main.ts', {
        args: ['--port', '0', '--records', '50', '--push-delay-ms', '0'],
        ready: /^MONITE_VERSION=.*$/m,
      }),
      createTestDatabase(),
    ]);
    env = Object.fromEntries(
      [...simulator.output().matchAll(/^(MONITE_[A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
    );
    // As `npm run users -- add` would, on the same DATABASE_URL.
    const db = await openDatabase(databaseUrl);
    await addUser(db, 'operator@example.com', 'operator', PASSWORD);
    await db.destroy();
  }, 60_000);
  afterAll(() => simulator?.stop());

  const startBff = () => startServer({ ...env, DATABASE_URL: databaseUrl });

  it('lists, searches and pushes through HTTP, and lets a second server start on the database', async () => {
    const server = await startBff();
    onTestFinished(() => server.stop());
    const url = server.ready[1]!;
    const origin = new URL(url).origin;
    const signIn = await fetch(`${url}/api/session`, {
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
    const entityId = env.MONITE_ENTITY_IDS!.split(',')[0]!;
    const records = `${url}/api/entities/${entityId}/records`;
    expect((await fetch(`${url}/api/entities/${entityId}/refresh`, { method: 'POST', headers })).status).toBe(
      200,
    );
    const list = async (query: string) =>
      (await (await fetch(`${records}?limit=200&${query}`, { headers })).json()) as RecordsPage;
    const all = await list('sync_status=');
    // RECORDS=50 over the two default entities, 4 : 1; counts are numbers, as on SQLite.
    expect(all.total).toBe(40);
    const failed = await list('sync_status=error');
    expect(failed.total).toBe(failed.data.length);
    expect(failed.total).toBe(failed.facets.sync_status.error);
    const target = failed.data[0]!;
    expect((await list(`sync_status=&q=${target.id.slice(0, 8)}`)).data.map((r) => r.id)).toEqual([
      target.id,
    ]);

    const control = env.MONITE_API_URL!.replace(/\/v1$/, '/__simulator');
    const forced = await fetch(`${control}/records/${target.id}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'done' }),
    });
    expect(forced.status).toBe(204);
    const push = await fetch(`${records}/${target.id}/push`, { method: 'POST', headers });
    expect(push.status).toBe(200);
    const after = (await (await fetch(`${records}/${target.id}`, { headers })).json()) as SyncRecord;
    expect(after.sync_status).toBe('done');
    const requests = (await (await fetch(`${control}/requests`)).json()) as {
      byOperation: Record<string, number>;
    };
    expect(requests.byOperation[PUSH]).toBe(1);
    expect((await list('sync_status=error')).total).toBe(failed.total - 1);

    // Servers share a PostgreSQL database (multi-instance.test.ts), and so do the command-line tools.
    const second = await startBff();
    await second.stop();
    const cli = await openDatabase(databaseUrl);
    onTestFinished(() => cli.destroy());
    expect(await verifyChain(cli)).toEqual({ ok: true, entries: expect.any(Number) });
    const actions = await cli.selectFrom('audit_entry').select('action').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['sign_in', 'push', 'push_result', 'push_settled']);
  }, 60_000);
});
