import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { Leases } from '../db/leases';
import { openTestDatabase } from '../test/database';
import { appendAudit, closeUnfinishedPushes, verifyChain } from './log';

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  for (const actor of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']) {
    await appendAudit(db, { actor, action: 'sign_in', data: { outcome: 'ok' } });
  }
});
afterEach(() => db.destroy());

describe('the audit hash chain', () => {
  it('verifies an untouched log', async () => {
    expect(await verifyChain(db)).toEqual({ ok: true, entries: 4 });
  });

  it('names the first entry whose content was edited', async () => {
    await sql`update audit_entry set actor = 'mallory@example.com' where seq = 2`.execute(db);
    expect(await verifyChain(db)).toMatchObject({
      ok: false,
      brokenAt: 2,
      why: expect.stringContaining('edited'),
    });
  });

  it('notices a removed entry at the next link', async () => {
    await sql`delete from audit_entry where seq = 3`.execute(db);
    expect(await verifyChain(db)).toMatchObject({
      ok: false,
      brokenAt: 4,
      why: expect.stringContaining('removed'),
    });
  });

  it('notices a forged entry even with a recomputed hash, because the next link no longer matches', async () => {
    await sql`update audit_entry set data = '{"outcome":"failed"}', hash = 'f'||substr(hash, 2) where seq = 1`.execute(
      db,
    );
    const check = await verifyChain(db);
    expect(check.ok).toBe(false);
  });

  it('verifies across batches', async () => {
    expect(await verifyChain(db, 3)).toEqual({ ok: true, entries: 4 });
  });
});

describe('closeUnfinishedPushes', () => {
  it('marks a push that started but never completed as outcome unknown, once', async () => {
    const started = await appendAudit(db, {
      actor: 'a@example.com',
      action: 'push',
      record_id: 'r1',
      data: {},
    });
    expect((await closeUnfinishedPushes(db)).closed).toBe(1);
    expect((await closeUnfinishedPushes(db)).closed).toBe(0);
    const result = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('started_id', '=', started)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(result.data)).toMatchObject({ outcome: 'unknown' });
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('leaves a push a running server still holds open until its lease lapses', async () => {
    let now = 1_000_000;
    const server = new Leases(db, 'running-server', { ttlMs: 30_000, now: () => now });
    const lease = await server.claim('push:e1/r2');
    await appendAudit(db, {
      actor: 'a@example.com',
      action: 'push',
      entity_id: 'e1',
      record_id: 'r2',
      data: {},
    });
    const first = await closeUnfinishedPushes(db, { now });
    expect(first.closed).toBe(0);
    // The server died: its lease is never renewed and lapses. The next look starts where the
    // first said, at the push still open then.
    now += 30_000;
    const second = await closeUnfinishedPushes(db, { now, from: first.next });
    expect(second.closed).toBe(1);
    expect((await closeUnfinishedPushes(db, { now, from: second.next })).closed).toBe(0);
    await lease!.release();
  });
});
