/**
 * Writes Monite records into the mirror, keeping the per-entity count table in step in the
 * same transaction (docs/decisions/001-record-mirror.md).
 */
import { classifyMessage } from '../../contract/error-groups';
import { summariseErrors } from '../../monite/errors-text';
import type { SyncRecord } from '../../monite/schemas';
import { auditSettledPushes, type SettledRecord } from '../audit';
import type { Db } from '../db/database';
import type { MirrorRecordTable } from '../db/schema';
import type { DocumentSortKeys } from '../documents/sort-keys';
import { COUNT_KEYS, CountDeltas, countKey, lockEntityMirror } from './counts';
import { lapseMarks, markColumns, type LapsedMark } from './marks';

/** A row as a Monite record writes it; its document summary's version and sort keys are the summary reader's. */
type MirrorRow = Omit<MirrorRecordTable, 'document_version' | keyof DocumentSortKeys>;

const firstErrorOf = (record: SyncRecord) =>
  record.sync_status === 'error' ? summariseErrors(record.errors) : null;

function toRow(entityId: string, record: SyncRecord, writtenAt: number): MirrorRow {
  const firstError = firstErrorOf(record);
  return {
    entity_id: entityId,
    id: record.id,
    object_type: record.object_type,
    sync_status: record.sync_status,
    provider: record.provider ?? '',
    platform: record.platform ?? '',
    object_id: record.object_id ?? null,
    updated_at: normaliseTime(record.updated_at),
    first_error: firstError,
    error_group: errorGroupKey(firstError),
    object_updated_at: record.object_updated_at ?? null,
    data: JSON.stringify(record),
    written_at: writtenAt,
    ...UNMARKED,
  };
}

/** The stored group (contract/error-groups.ts) of a failure whose provider message is `message`. */
export const errorGroupKey = (message: string | null): string =>
  message === null ? '' : classifyMessage(message).group;

/** The group a record's row stores: its failure's, '' when it has not failed (or says nothing). */
export const errorGroupOfRecord = (record: SyncRecord): string => errorGroupKey(firstErrorOf(record));

const UNMARKED = { handled: '', handled_by: null, handled_at: null, handled_reason: null } as const;

/** Monite's timestamps may carry microseconds or an offset; the mirror sorts on UTC ISO text. */
export function normaliseTime(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString();
}

/** Rows per statement: 15 columns × 1,000 stays under SQLite's 32,766 bound parameters. */
const CHUNK = 1000;
/**
 * Records upserted between two turns of the event loop: about 15 ms of work, so a scan's next
 * page (and anyone's request) is not held up long while a batch is written.
 */
const UPSERT_SLICE = 250;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts or updates records and moves their counts to their new status, provider, platform and
 * type, in one transaction however many records are given: the fewer commits, the fewer times
 * the same index pages are written to the WAL. Between chunks of a large write the event loop
 * gets a turn (the driver is synchronous), so other work goes on while it lasts; their queries
 * wait for the commit. A record seen settled for the first time (new here, just left `pending`,
 * or changed) completes the audit of a push waiting for it, in the same transaction.
 */
export async function upsertRecords(db: Db, entityId: string, records: SyncRecord[]): Promise<void> {
  if (records.length === 0) return;
  const writtenAt = Date.now();
  const latest = [...new Map(records.map((r) => [r.id, r])).values()];
  await db.transaction().execute(async (trx) => {
    await lockEntityMirror(trx, entityId);
    const deltas = new CountDeltas();
    for (const [i, chunk] of chunks(latest, UPSERT_SLICE).entries()) {
      if (i > 0) await new Promise(setImmediate);
      await upsertChunk(
        trx,
        entityId,
        chunk.map((r) => toRow(entityId, r, writtenAt)),
        deltas,
      );
    }
    await deltas.apply(trx, entityId);
  });
}

async function upsertChunk(trx: Db, entityId: string, rows: MirrorRow[], deltas: CountDeltas) {
  const existing = await trx
    .selectFrom('mirror_record')
    .select(['id', ...COUNT_KEYS, 'updated_at', 'handled_by', 'handled_at', 'handled_reason'])
    .where('entity_id', '=', entityId)
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const before = new Map(existing.map((r) => [r.id, r]));
  const settled: SettledRecord[] = [];
  const lapsed: LapsedMark[] = [];
  for (const row of rows) {
    const old = before.get(row.id);
    // A mark holds while Monite's record stays as it was when marked; any change lapses it.
    if (old && old.handled !== '') {
      if (old.updated_at === row.updated_at) Object.assign(row, markColumns(old));
      else lapsed.push({ id: old.id, ...markColumns(old) });
    }
    const justSettled = !old || old.sync_status === 'pending' || old.updated_at !== row.updated_at;
    if (justSettled && (row.sync_status === 'done' || row.sync_status === 'error')) {
      settled.push({
        id: row.id,
        status: row.sync_status,
        updated_at: row.updated_at,
        error: row.first_error,
      });
    }
    if (old && countKey(old) === countKey(row)) continue;
    if (old) deltas.bump(old, -1);
    deltas.bump(row, +1);
  }

  await trx
    .insertInto('mirror_record')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['entity_id', 'id']).doUpdateSet((eb) => ({
        object_type: eb.ref('excluded.object_type'),
        sync_status: eb.ref('excluded.sync_status'),
        provider: eb.ref('excluded.provider'),
        platform: eb.ref('excluded.platform'),
        object_id: eb.ref('excluded.object_id'),
        updated_at: eb.ref('excluded.updated_at'),
        first_error: eb.ref('excluded.first_error'),
        error_group: eb.ref('excluded.error_group'),
        object_updated_at: eb.ref('excluded.object_updated_at'),
        data: eb.ref('excluded.data'),
        written_at: eb.ref('excluded.written_at'),
        handled: eb.ref('excluded.handled'),
        handled_by: eb.ref('excluded.handled_by'),
        handled_at: eb.ref('excluded.handled_at'),
        handled_reason: eb.ref('excluded.handled_reason'),
      })),
    )
    .execute();
  await auditSettledPushes(trx, entityId, settled);
  await lapseMarks(trx, entityId, lapsed);
}

/**
 * Deletes records (gone from Monite) and takes them out of the counts. With `writtenBefore`, a
 * row written at or after that time (ms) is kept: it was read from Monite after the caller's
 * evidence of deletion was gathered. Returns how many rows were deleted.
 */
export async function deleteRecords(
  db: Db,
  entityId: string,
  ids: string[],
  { writtenBefore = Infinity }: { writtenBefore?: number } = {},
): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await lockEntityMirror(trx, entityId);
    const deltas = new CountDeltas();
    let deleted = 0;
    for (const chunk of chunks(ids)) {
      const gone = await trx
        .deleteFrom('mirror_record')
        .where('entity_id', '=', entityId)
        .where('id', 'in', chunk)
        .$if(Number.isFinite(writtenBefore), (qb) => qb.where('written_at', '<', writtenBefore))
        .returning([...COUNT_KEYS])
        .execute();
      for (const row of gone) deltas.bump(row, -1);
      deleted += gone.length;
    }
    await deltas.apply(trx, entityId);
    return deleted;
  });
}

/** The entity's mirrored record ids after `afterId` in id order, at most `limit` (read from the key index alone). */
export async function mirroredIds(
  db: Db,
  entityId: string,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('mirror_record')
    .select('id')
    .where('entity_id', '=', entityId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findRecord(db: Db, entityId: string, id: string): Promise<SyncRecord | undefined> {
  const row = await db
    .selectFrom('mirror_record')
    .select('data')
    .where('entity_id', '=', entityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && (JSON.parse(row.data) as SyncRecord);
}

/** Forgets every mirrored record: demo mode's simulator starts from its seed at every start. */
export async function clearMirror(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['mirror_record', 'mirror_count', 'mirror_cursor'] as const)
      await trx.deleteFrom(table).execute();
  });
}
