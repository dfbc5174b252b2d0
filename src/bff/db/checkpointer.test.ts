import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointInWorker } from './checkpointer';
import { openSqlite, type SqliteConnection } from './sqlite-driver';

let dir: string;
let file: string;
let sqlite: SqliteConnection;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sync-desk-checkpoint-'));
  file = join(dir, 'db.sqlite');
  sqlite = openSqlite(file);
  sqlite.pragma('journal_mode = WAL');
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes about 1 MB; in WAL mode only a checkpoint copies it into the database file. */
const writeAMegabyte = () => {
  sqlite.exec('create table t (b blob)');
  const insert = sqlite.prepare('insert into t values (randomblob(1024))');
  for (let i = 0; i < 1000; i++) insert.run([]);
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('checkpointInWorker', () => {
  it('leaves checkpoints to the worker: the commit does not copy the WAL, the worker does', async () => {
    const stop = checkpointInWorker(sqlite, file, { everyMs: 0 });
    expect(Number(sqlite.pragma('wal_autocheckpoint', { simple: true }))).toBe(0);
    writeAMegabyte();
    await until(() => statSync(file).size > 1_000_000);
    stop();
  });

  it('gives the connection its automatic checkpoints back when the worker fails', async () => {
    sqlite.pragma('wal_autocheckpoint = 123');
    checkpointInWorker({ ...sqlite, modulePath: join(dir, 'no-such-driver.js') }, file);
    const autocheckpoint = () => Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
    expect(autocheckpoint()).toBe(0);
    await until(() => autocheckpoint() !== 0);
    expect(autocheckpoint()).toBe(123);
  });
});
