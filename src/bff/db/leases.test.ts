import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Db } from './database';
import { Leases } from './leases';
import { openTwice } from '../test/database';
import { createTestDatabase } from './test-postgres';

/** Two server processes' connections to one database, as two instances would open it. */
async function twoConnections(engine: 'sqlite' | 'postgres'): Promise<[Db, Db]> {
  let url: string;
  if (engine === 'postgres') url = await createTestDatabase();
  else {
    const dir = mkdtempSync(join(tmpdir(), 'sync-desk-leases-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    url = `sqlite:${join(dir, 'sync-desk.db')}`;
  }
  return openTwice(url);
}

let time = 1_000_000;
const now = () => time;
afterEach(() => void (time = 1_000_000));

describe.each(['sqlite', 'postgres'] as const)('leases on %s', (engine) => {
  it('lets one process hold a name until it releases it', async () => {
    const [dbA, dbB] = await twoConnections(engine);
    const a = new Leases(dbA, 'a', { ttlMs: 60_000, now });
    const b = new Leases(dbB, 'b', { ttlMs: 60_000, now });

    const held = await a.claim('push:e/r1');
    expect(held).not.toBeNull();
    expect(await b.claim('push:e/r1')).toBeNull();
    expect(await b.heldElsewhere('push:e/r1')).toBe(true);
    expect(await a.heldElsewhere('push:e/r1')).toBe(false);
    // Other names are free.
    const other = await b.claim('push:e/r2');
    expect(other).not.toBeNull();

    await held!.release();
    expect(await b.heldElsewhere('push:e/r1')).toBe(false);
    const next = await b.claim('push:e/r1');
    expect(next).not.toBeNull();
    await next!.release();
    await other!.release();
  });

  it('gives exactly one of many simultaneous claimants the lease', async () => {
    const [dbA, dbB] = await twoConnections(engine);
    const claimants = Array.from(
      { length: 10 },
      (_, i) => new Leases(i % 2 ? dbA : dbB, `p${i}`, { ttlMs: 60_000, now }),
    );
    const claims = await Promise.all(claimants.map((l) => l.claim('job:1')));
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    await claims.find((c) => c !== null)!.release();
  });

  it('hands a lapsed lease to another process, whose holder then finds it lost and cannot release it', async () => {
    const [dbA, dbB] = await twoConnections(engine);
    // Renewed every 10 ms of real time, by A's clock: B's clock runs an hour ahead, as if A had stalled.
    const a = new Leases(dbA, 'a', { ttlMs: 30, now });
    const b = new Leases(dbB, 'b', { ttlMs: 60_000, now: () => time + 3_600_000 });
    const held = await a.claim('refresh:e');
    expect(held!.lost()).toBe(false);

    const taken = await b.claim('refresh:e');
    expect(taken).not.toBeNull();
    await vi.waitFor(() => expect(held!.lost()).toBe(true));
    await held!.release();
    expect(await a.heldElsewhere('refresh:e')).toBe(true);
    await taken!.release();
  });

  it('lets a server that holds the database alone forget the leases of a stopped one', async () => {
    const [dbA, dbB] = await twoConnections(engine);
    await new Leases(dbA, 'crashed', { ttlMs: 60_000, now }).claim('job:1');
    const restarted = new Leases(dbB, 'restarted', { ttlMs: 60_000, now });
    expect(await restarted.claim('job:1')).toBeNull();
    await restarted.forgetOthers();
    const lease = await restarted.claim('job:1');
    expect(lease).not.toBeNull();
    await lease!.release();
  });
});
