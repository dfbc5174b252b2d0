import type { Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * Requests counted per client address and route (auth/address-limits.ts: the per-address sign-in
 * limit), one window each, so every server process on the database counts the same attempts.
 * Times are milliseconds since the epoch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('address_window')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('ends_at', isPostgres(db) ? 'bigint' : 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('address_window_ends_at').on('address_window').column('ends_at').execute();
}
