import { sql, type Kysely } from 'kysely';
import { documentSummarySchema } from '../../../contract/documents';
import { sortKeysOf } from '../../documents/sort-keys';
import type { Database } from '../schema';

/** Summaries re-keyed per statement when the migration fills the new columns. */
const BATCH = 500;

/**
 * Sort by any column the records list shows (contract/api.ts SORT_KEYS).
 *
 * - The Record column's keys live in the document summary; a copy on the record's row
 *   (`sort_*`, written with the summary) lets one index per key give the order without a join.
 *   Their indexes are partial (only records with a value), so the mirror's scan, which writes
 *   rows before any summary is read, pays nothing for them; records without a value come after,
 *   in id order, from the primary key.
 * - Provider and platform each get an index, then update time (the tie-breaker within one):
 *   a scan reads records in update order, so its rows land at the end of each provider's run.
 * - Status and error group already have theirs (001's `mirror_record_status_updated`, 009's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type] of [
    ['sort_number', 'text'],
    ['sort_counterpart', 'text'],
    ['sort_amount', 'double precision'],
    ['sort_due_date', 'text'],
  ] as const) {
    await db.schema.alterTable('mirror_record').addColumn(column, type).execute();
    await sql`create index ${sql.raw(`mirror_record_${column}`)} on mirror_record (entity_id, ${sql.ref(column)}, id)
      where ${sql.ref(column)} is not null`.execute(db);
  }
  for (const column of ['provider', 'platform'])
    await db.schema
      .createIndex(`mirror_record_${column}_updated`)
      .on('mirror_record')
      .columns(['entity_id', column, 'updated_at', 'id'])
      .execute();
  await fillSortKeys(db as Kysely<Database>);
}

/** Copies the keys of the summaries already read, in batches (one statement per record). */
async function fillSortKeys(db: Kysely<Database>): Promise<void> {
  let after = { entity_id: '', record_id: '' };
  for (;;) {
    const rows = await db
      .selectFrom('mirror_document')
      .select(['entity_id', 'record_id', 'summary'])
      .where(sql<boolean>`(entity_id, record_id) > (${after.entity_id}, ${after.record_id})`)
      .orderBy('entity_id')
      .orderBy('record_id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const summary = documentSummarySchema.safeParse(JSON.parse(row.summary));
      await db
        .updateTable('mirror_record')
        .set(sortKeysOf(summary.success ? summary.data : null))
        .where('entity_id', '=', row.entity_id)
        .where('id', '=', row.record_id)
        .execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = last;
  }
}
