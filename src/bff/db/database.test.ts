import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sync-desk-db-'));
});
// A closed server's checkpoint worker may still be letting go of the WAL as the folder goes: retry.
afterEach(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

const count = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
  (
    await db
      .selectFrom('staff_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('one server per database file', () => {
  it('refuses a second server on the same file, naming it, and lets the next one in once the first closes', async () => {
    const file = join(dir, 'sync-desk.db');
    const first = await openDatabase(`sqlite:${file}`, { hold: 'shared' });
    await expect(openDatabase(`sqlite:${file}`, { hold: 'shared' })).rejects.toThrow(
      `Another Sync Desk server is already using the database ${file}.`,
    );
    // The command-line tools still share the file with the running server.
    const cli = await openDatabase(`sqlite:${file}`);
    expect(await count(cli)).toBe(0);
    await cli.destroy();

    await first.destroy();
    const next = await openDatabase(`sqlite:${file}`, { hold: 'shared' });
    await next.destroy();
  });

  it('is not blocked by the lock of a server that crashed', () => {
    const file = join(dir, 'sync-desk.db');
    const module = resolve(import.meta.dirname, 'database.ts');
    // A server that takes the lock and dies without closing anything.
    const crashed = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { openDatabase } from ${JSON.stringify(module)};
         await openDatabase(${JSON.stringify(`sqlite:${file}`)}, { hold: 'shared' });
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { encoding: 'utf8' },
    );
    expect({ signal: crashed.signal, stderr: crashed.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    expect(existsSync(`${file}.lock`)).toBe(true);
    return expect(
      openDatabase(`sqlite:${file}`, { hold: 'shared' }).then((db) => db.destroy()),
    ).resolves.toBeUndefined();
  }, 20_000);
});
