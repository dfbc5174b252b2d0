/**
 * Vitest global setup: a loopback endpoint that test files (in their own workers) ask for a fresh
 * PostgreSQL database. The first request starts the run's one server; the run's end stops it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { openDatabase } from './database';
import { startTestPostgres, type TestPostgres } from './test-postgres';

/** The schema test databases are copied with (`createTestDatabase({ migrated: true })`). */
const migrate = async (url: string) => (await openDatabase(url)).destroy();

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let postgres: Promise<TestPostgres> | undefined;
  const endpoint = createServer((req, res) => {
    postgres ??= startTestPostgres({ migrate });
    const migrated = new URL(req.url ?? '/', 'http://localhost').searchParams.has('migrated');
    postgres
      .then((server) => server.createDatabase({ migrated }))
      .then(
        (url) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url })),
        (error: unknown) =>
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
      );
    req.resume();
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  project.provide('testPostgresUrl', `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`);

  return async () => {
    await new Promise((resolve) => endpoint.close(resolve));
    if (postgres) await (await postgres.catch(() => undefined))?.stop();
  };
}
