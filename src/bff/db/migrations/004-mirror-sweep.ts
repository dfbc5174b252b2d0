import type { Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * What reconciliation needs, and one index fewer to write: `written_at` lets a sweep keep rows
 * written after it started; `swept_at` says when an object type was last checked for deletions.
 * `mirror_record_object` went unused (the id search compares `lower(object_id)`, which no plain
 * index serves) and cost a random-position B-tree write per record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mirror_record')
    // Milliseconds since 1970 pass PostgreSQL's 32-bit `integer`; SQLite's integer is 64-bit.
    .addColumn('written_at', isPostgres(db) ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropIndex('mirror_record_object').execute();
  await db.schema.alterTable('mirror_cursor').addColumn('swept_at', 'text').execute();
}
