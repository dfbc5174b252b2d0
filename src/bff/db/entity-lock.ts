/**
 * A lock on one entity's part of the database until the transaction ends, for writes that read
 * and then write: SQLite has one writer, but on PostgreSQL several servers write at once
 * (decision 011). An advisory lock of two keys: what is locked, and the entity id's hash (two
 * entities sharing a hash only wait for each other).
 */
import { sql } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './engine';

/** Any int4s would do; distinct from the server and audit chain locks'. */
const KEYS = {
  /** Mirror rows and their counts (mirror/counts.ts). */
  mirror: 0x5d5e_3c01,
  /** One running push job an entity (push/jobs/store.ts). */
  jobs: 0x5d5e_3c02,
} as const;

export async function lockEntity(trx: Db, what: keyof typeof KEYS, entityId: string): Promise<void> {
  if (isPostgres(trx))
    await sql`select pg_advisory_xact_lock(${KEYS[what]}, hashtext(${entityId}))`.execute(trx);
}
