import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { createTestDatabase } from './test-postgres';

const where = (url: string) => {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port}${pathname}`;
};

describe('openDatabase on PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  }, 60_000);

  it('lets servers share the database, tells the first it is alone, and keeps a copy out while one runs', async () => {
    const alone: string[] = [];
    const server = (name: string) =>
      openDatabase(url, { hold: 'shared', ifAlone: async () => void alone.push(name) });
    const first = await server('first');
    const second = await server('second');
    expect(alone).toEqual(['first']);
    const refused = await openDatabase(url, { hold: 'alone' }).catch((error: Error) => error.message);
    expect(refused).toContain(`Another Sync Desk server is already using the database ${where(url)}.`);
    expect(refused).not.toContain(new URL(url).password);
    // The command-line tools share the database with the running servers.
    const cli = await openDatabase(url);
    expect(await cli.selectFrom('staff_user').selectAll().execute()).toEqual([]);
    await cli.destroy();

    await first.destroy();
    await second.destroy();
    await (await openDatabase(url, { hold: 'alone' })).destroy();
    await (await server('third')).destroy();
    expect(alone).toEqual(['first', 'third']);
  });

  it('lives through the server dropping its idle connection, and the next query opens another', async () => {
    const db = await openDatabase(url);
    const backend = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
    const before = await backend();
    const admin = await openDatabase(url);
    await sql`select pg_terminate_backend(${before})`.execute(admin);
    await admin.destroy();
    // The pool hears of it as an 'error' event on the idle connection; unheard, it ends the process.
    await expect.poll(backend, { timeout: 10_000 }).not.toBe(before);
    await db.destroy();
  });

  it('fails at once, when it is closed, the statements still waiting for its connection', async () => {
    const db = await openDatabase(url);
    const admin = await openDatabase(url);
    // The one connection is busy; the next statement waits for it, as behind a bulk job's writes.
    const busy = sql`select pg_sleep(0.5)`.execute(db);
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where query = 'select pg_sleep(0.5)' and state = 'active'`.execute(admin)
          ).rows[0]!.n,
      )
      .toBe(1);
    await admin.destroy();
    const waiting = sql`select 1`.execute(db).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    const closing = db.destroy();
    // Not after pg-pool's minute of waiting (the test's timeout would end it first).
    expect(await waiting).toBe('The database connection pool has ended');
    await busy;
    await closing;
  });

  it('is not blocked by a server that crashed', async () => {
    const module = resolve(import.meta.dirname, 'database.ts');
    const crashed = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { openDatabase } from ${JSON.stringify(module)};
         await openDatabase(${JSON.stringify(url)}, { hold: 'alone' });
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { encoding: 'utf8' },
    );
    expect({ signal: crashed.signal, stderr: crashed.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    // PostgreSQL ends the dead connection's session (and its lock) once it sees the socket closed.
    let next: Db | undefined;
    while (!next) next = await openDatabase(url, { hold: 'alone' }).catch(() => undefined);
    await next.destroy();
  }, 30_000);

  it('says where it could not connect, without the password', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const message = await openDatabase(`postgres://app:s3cret@127.0.0.1:${port}/sync_desk`).catch(
      (error: Error) => error.message,
    );
    expect(message).toMatch(
      new RegExp(`^Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/sync_desk: .*ECONNREFUSED`),
    );
    expect(message).not.toContain('s3cret');
  });
});
