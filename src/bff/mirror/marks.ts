/**
 * Bookkeepers' marks on failures (contract/handled.ts), kept on the record's mirror row: setting
 * or clearing one moves the record between the Failed and Handled views' counts and writes its
 * audit entry, in one transaction. The upsert (store.ts) lapses a mark when Monite's record
 * changes, and audits that too.
 */
import type { HandledMark, MarkInput, MarkKind } from '../../contract/handled';
import { appendInTransaction } from '../audit';
import type { Db } from '../db/database';
import type { MirrorRecordTable } from '../db/schema';
import { HttpError } from '../http-errors';
import { COUNT_KEYS, CountDeltas, lockEntityMirror } from './counts';

type MarkColumns = Pick<MirrorRecordTable, 'handled' | 'handled_by' | 'handled_at' | 'handled_reason'>;
export type LapsedMark = MarkColumns & { id: string };

export const markColumns = (row: MarkColumns): MarkColumns => ({
  handled: row.handled,
  handled_by: row.handled_by,
  handled_at: row.handled_at,
  handled_reason: row.handled_reason,
});

/** The mark a row's columns hold, null when it has none (`handled` is ''). */
export function markOfRow(row: MarkColumns): HandledMark | null {
  if (row.handled === '') return null;
  return {
    kind: row.handled as MarkKind,
    reason: row.handled_reason ?? '',
    by: row.handled_by ?? '',
    at: row.handled_at ?? '',
  };
}

/** The record's mark, null when it is unmarked or not mirrored. */
export async function markOf(db: Db, entityId: string, id: string): Promise<HandledMark | null> {
  const row = await db
    .selectFrom('mirror_record')
    .select(['handled', 'handled_by', 'handled_at', 'handled_reason'])
    .where('entity_id', '=', entityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? markOfRow(row) : null;
}

type Change = { actor: string; entityId: string; recordId: string };

/** Marks a failed record handled (or changes its mark); 404 if not mirrored, 409 unless it failed. */
export async function markHandled(db: Db, { actor, entityId, recordId }: Change, input: MarkInput) {
  await changeMark(db, { actor, entityId, recordId }, (row) => {
    if (row.sync_status !== 'error') {
      throw new HttpError(409, 'not_failed', 'Only failed records can be marked handled.');
    }
    return {
      handled: input.kind,
      handled_by: actor,
      handled_at: new Date().toISOString(),
      handled_reason: input.reason,
    };
  });
}

/** Takes a record's mark away; a record without one is left as it is. */
export async function unmarkHandled(db: Db, change: Change) {
  await changeMark(db, change, () => ({
    handled: '',
    handled_by: null,
    handled_at: null,
    handled_reason: null,
  }));
}

async function changeMark(
  db: Db,
  { actor, entityId, recordId }: Change,
  next: (row: Pick<MirrorRecordTable, 'sync_status'>) => MarkColumns,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockEntityMirror(trx, entityId);
    const row = await trx
      .selectFrom('mirror_record')
      .select([...COUNT_KEYS, 'handled_by', 'handled_at', 'handled_reason', 'object_id', 'updated_at'])
      .where('entity_id', '=', entityId)
      .where('id', '=', recordId)
      .executeTakeFirst();
    if (!row)
      throw new HttpError(404, 'not_found', 'Sync Desk has not seen this record yet; refresh the list.');
    const mark = next(row);
    if (mark.handled === '' && row.handled === '') return;
    await trx
      .updateTable('mirror_record')
      .set(mark)
      .where('entity_id', '=', entityId)
      .where('id', '=', recordId)
      .execute();
    const deltas = new CountDeltas();
    deltas.bump(row, -1);
    deltas.bump({ ...row, handled: mark.handled }, +1);
    await deltas.apply(trx, entityId);
    await appendInTransaction(trx, {
      actor,
      action: mark.handled === '' ? 'unmark' : 'mark',
      entity_id: entityId,
      record_id: recordId,
      data: {
        ...describeRecord(row),
        // An unmark says which mark it took away.
        ...markData(mark.handled === '' ? row : mark),
      },
    });
  });
}

/** Writes `mark_lapsed` for marks the upsert cleared because Monite's record changed. */
export async function lapseMarks(trx: Db, entityId: string, lapsed: LapsedMark[]): Promise<void> {
  for (const mark of lapsed) {
    await appendInTransaction(trx, {
      // The marker's own audit view shows that their mark no longer holds.
      actor: mark.handled_by ?? 'sync-desk',
      action: 'mark_lapsed',
      entity_id: entityId,
      record_id: mark.id,
      data: markData(mark),
    });
  }
}

const markData = (m: MarkColumns) => ({
  outcome: 'ok',
  mark_kind: m.handled,
  reason: m.handled_reason,
  marked_by: m.handled_by,
  marked_at: m.handled_at,
});

const describeRecord = (
  r: Pick<
    MirrorRecordTable,
    'object_type' | 'object_id' | 'provider' | 'platform' | 'sync_status' | 'updated_at'
  >,
) => ({
  object_type: r.object_type,
  object_id: r.object_id,
  provider: r.provider || null,
  platform: r.platform || null,
  status_before: r.sync_status,
  record_updated_at: r.updated_at,
});
