/**
 * Records as the dashboard shows them (contract/api.ts `listedRecordSchema`): Monite's record,
 * with why it failed, whether a retry can help, the document behind it, and its mark if handled.
 */
import type { ListedRecord } from '../../contract/api';
import { classifyErrors } from '../../contract/error-groups';
import type { HandledMark } from '../../contract/handled';
import type { SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';
import { documentsOf } from '../documents';
import { markOf } from './marks';

/** A mirrored record and its mark, both read from its row. */
export type MarkedRecord = { record: SyncRecord; mark: HandledMark | null };

export async function listedRecords(db: Db, entityId: string, rows: MarkedRecord[]): Promise<ListedRecord[]> {
  const ids = rows.map(({ record }) => record.id);
  const documents = await documentsOf(db, entityId, ids);
  return rows.map(({ record, mark }) => ({
    ...record,
    classification: record.sync_status === 'error' ? classifyErrors(record.errors) : null,
    document: documents.get(record.id) ?? null,
    handled: mark,
  }));
}

/** One record (as Monite answered it, or as mirrored) with its mark from the mirror. */
export async function listedRecord(db: Db, entityId: string, record: SyncRecord): Promise<ListedRecord> {
  const mark = await markOf(db, entityId, record.id);
  const [one] = await listedRecords(db, entityId, [{ record, mark }]);
  return one!;
}
