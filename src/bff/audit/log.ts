/**
 * The append-only, hash-chained audit log. Every row stores SHA-256 over its content and the
 * previous row's hash; appends are serialised in a transaction so the chain has no forks.
 * A push is written before Monite is called (`push`) and completed after (`push_result`):
 * a crash in between leaves the start without a result, which reads as "outcome unknown".
 * Monite settles an accepted push later; the first sight of that adds `push_settled` (settles.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AUDIT_OUTCOMES } from '../../contract/audit';
import { PUSH_MESSAGES } from '../../contract/push-messages';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { isPostgres } from '../db/engine';
import type { AuditEntryTable } from '../db/schema';

export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type AuditAction =
  | 'push'
  | 'push_result'
  | 'push_settled'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'mark'
  | 'unmark'
  | 'mark_lapsed'
  | 'grant_entity'
  | 'revoke_entity'
  | 'set_role'
  | 'disable_account';

export type AuditEvent = {
  actor: string;
  action: AuditAction;
  entity_id?: string | null;
  record_id?: string | null;
  started_id?: string | null;
  data: Record<string, unknown>;
};

const GENESIS_HASH = '0'.repeat(64);
/** Any key would do; distinct from the server lock's (db/postgres.ts). */
const AUDIT_CHAIN_LOCK_KEY = 0x5d5e_a0d1;

type Hashed = Omit<AuditEntryTable, 'seq' | 'hash'>;

export function hashEntry(row: Hashed): string {
  const content = [
    row.id,
    row.at,
    row.actor,
    row.action,
    row.entity_id,
    row.record_id,
    row.started_id,
    row.data,
  ];
  return createHash('sha256')
    .update(`${row.prev_hash}\n${JSON.stringify(content)}`)
    .digest('hex');
}

export async function appendAudit(db: Db, event: AuditEvent): Promise<string> {
  return db.transaction().execute((trx) => appendInTransaction(trx, event));
}

/**
 * Until the transaction ends, no other process (another server, a command-line tool) appends: on
 * PostgreSQL, whose transactions do not take SQLite's one write lock, two appends would link to
 * the same entry.
 */
async function lockChain(trx: Db): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
}

/** Appends inside the caller's transaction, so the entry commits with the change it records. */
export async function appendInTransaction(trx: Db, event: AuditEvent): Promise<string> {
  await lockChain(trx);
  const last = await trx
    .selectFrom('audit_entry')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row: Hashed = {
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: event.actor,
    action: event.action,
    entity_id: event.entity_id ?? null,
    record_id: event.record_id ?? null,
    started_id: event.started_id ?? null,
    data: JSON.stringify(event.data),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_entry')
    .values({ ...row, hash: hashEntry(row) })
    .execute();
  return row.id;
}

/**
 * Closes pushes that started but will never complete as "outcome unknown", with the reason, so
 * nobody mistakes them for pushes still running: those whose lease (`push:<entity>/<record>`,
 * push/in-flight.ts) no server holds, because the server pushing them stopped or died. A push
 * still running keeps its lease until its result is written, and both are written under the
 * chain's lock, so a running push is never closed. Looks at entries from `from` (a `seq`) on and
 * answers where the next look may start: every push before it has a result.
 */
export async function closeUnfinishedPushes(
  db: Db,
  { now = Date.now(), from = 0 }: { now?: number; from?: number } = {},
): Promise<{ closed: number; next: number }> {
  return db.transaction().execute(async (trx) => {
    await lockChain(trx);
    const open = await trx
      .selectFrom('audit_entry as s')
      .leftJoin('audit_entry as r', (join) =>
        join.onRef('r.started_id', '=', 's.id').on('r.action', '=', 'push_result'),
      )
      .leftJoin('lease as l', (join) =>
        join
          .on('l.name', '=', sql<string>`'push:' || s.entity_id || '/' || s.record_id`)
          .on('l.expires_at', '>', now),
      )
      .select(['s.seq', 's.id', 's.actor', 's.entity_id', 's.record_id', 'l.name as held'])
      .where('s.seq', '>=', from)
      .where('s.action', '=', 'push')
      .where('r.id', 'is', null)
      .orderBy('s.seq')
      .execute();
    const abandoned = open.filter((start) => start.held === null);
    for (const start of abandoned) {
      await appendInTransaction(trx, {
        actor: start.actor,
        action: 'push_result',
        entity_id: start.entity_id,
        record_id: start.record_id,
        started_id: start.id,
        data: { outcome: 'unknown', reason: PUSH_MESSAGES.answerLost },
      });
    }
    const running = open.find((start) => start.held !== null);
    const last = await trx
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return { closed: abandoned.length, next: running?.seq ?? (last?.seq ?? 0) + 1 };
  });
}

export type ChainCheck =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; why: string };

/** Recomputes every hash in order; names the first row whose content or link does not match. */
export async function verifyChain(db: Db, batch = 1000): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let after = 0;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      entries++;
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          entries,
          brokenAt: row.seq,
          why: 'its link to the previous entry does not match (an entry before it was removed or changed)',
        };
      }
      if (hashEntry(row) !== row.hash) {
        return {
          ok: false,
          entries,
          brokenAt: row.seq,
          why: 'its content does not match its hash (it was edited)',
        };
      }
      prev = row.hash;
      after = row.seq;
    }
    if (rows.length < batch) return { ok: true, entries };
  }
}
