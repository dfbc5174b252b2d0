/** Document summaries in the mirror (table `mirror_document`, one per record). */
import { sql } from 'kysely';
import { documentSummarySchema, type DocumentSummary } from '../../contract/documents';
import type { Db } from '../db/database';
import { searchTextOf } from './search-text';
import { sortKeysOf } from './sort-keys';

type QueueFilter = { status?: string; objectType?: { is?: string; not?: string }; limit?: number };

/** The reader's queue: records whose summary is missing or stale (a partial index), newest first. */
export function recordsNeedingDocuments(
  db: Db,
  entityId: string,
  { status, objectType, limit }: QueueFilter,
) {
  return (
    db
      .selectFrom('mirror_record')
      .select(['id', 'object_type', 'object_id', 'object_updated_at'])
      .where('entity_id', '=', entityId)
      // As in the index `mirror_record_needs_document`, so it is used (SQLite reads `is distinct
      // from` as the index's `is not`).
      .where(
        sql<boolean>`object_id is not null and document_version is distinct from coalesce(object_updated_at, '')`,
      )
      .$if(status !== undefined, (qb) => qb.where('sync_status', '=', status!))
      .$if(objectType?.is !== undefined, (qb) => qb.where('object_type', '=', objectType!.is!))
      .$if(objectType?.not !== undefined, (qb) => qb.where('object_type', '!=', objectType!.not!))
      .orderBy('updated_at', 'desc')
      .$if(limit !== undefined, (qb) => qb.limit(limit!))
      .execute()
  );
}

/** How many records of a type the entity has in the mirror. */
export async function countOfType(db: Db, entityId: string, objectType: string): Promise<number> {
  const row = await db
    .selectFrom('mirror_count')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
    .where('entity_id', '=', entityId)
    .where('object_type', '=', objectType)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ReadDocument = {
  recordId: string;
  objectId: string;
  /** The record's `object_updated_at` when the document was read ('' when Monite gave none). */
  version: string;
  /** null: Monite does not know the document (deleted, or not readable by this entity). */
  summary: DocumentSummary | null;
};

/**
 * Stores what was read, and takes each record off the queue unless it changed meanwhile (then
 * its newer document is read on the next round).
 */
export async function saveDocuments(db: Db, entityId: string, read: readonly ReadDocument[]): Promise<void> {
  if (read.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const doc of read) {
      if (doc.summary) {
        const row = {
          object_id: doc.objectId,
          version: doc.version,
          summary: JSON.stringify(doc.summary),
          search_text: searchTextOf(doc.summary, doc.objectId),
        };
        await trx
          .insertInto('mirror_document')
          .values({ entity_id: entityId, record_id: doc.recordId, ...row })
          .onConflict((oc) => oc.columns(['entity_id', 'record_id']).doUpdateSet(row))
          .execute();
      } else {
        await trx
          .deleteFrom('mirror_document')
          .where('entity_id', '=', entityId)
          .where('record_id', '=', doc.recordId)
          .execute();
      }
      // Off the queue only if the record is still at this version; the sort keys follow the
      // stored summary either way, as the list shows it.
      const current = sql<boolean>`coalesce(object_updated_at, '') = ${doc.version}`;
      await trx
        .updateTable('mirror_record')
        .set({
          ...sortKeysOf(doc.summary),
          document_version: sql`case when ${current} then ${doc.version} else document_version end`,
        })
        .where('entity_id', '=', entityId)
        .where('id', '=', doc.recordId)
        .execute();
    }
  });
}

/** The summaries of these records that the mirror has, by record id. */
export async function documentsOf(
  db: Db,
  entityId: string,
  recordIds: readonly string[],
): Promise<Map<string, DocumentSummary>> {
  if (recordIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('mirror_document')
    .select(['record_id', 'summary'])
    .where('entity_id', '=', entityId)
    .where('record_id', 'in', recordIds)
    .execute();
  const found = new Map<string, DocumentSummary>();
  for (const row of rows) {
    // A summary stored by an older release in another shape is not shown (it is read again when the document changes).
    const parsed = documentSummarySchema.safeParse(JSON.parse(row.summary));
    if (parsed.success) found.set(row.record_id, parsed.data);
  }
  return found;
}
