/**
 * Records as the dashboard shows them (contract/api.ts `listedRecordSchema`): Monite's record,
 * with why it failed, whether a retry can help, the document behind it, and its mark if handled.
 */
import type { ListedRecord } from '../../contract/api';
import { classifyGroup } from '../../contract/error-groups';
import type { HandledMark } from '../../contract/handled';
import type { SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';
import { documentsOf } from '../documents';
import { markOf } from './marks';
import { errorGroupOfRecord } from './store';

/** A mirrored record, its mark and its stored error group ('' unless it failed), all read from its row. */
export type MarkedRecord = { record: SyncRecord; mark: HandledMark | null; group: string };

export async function listedRecords(db: Db, entityId: string, rows: MarkedRecord[]): Promise<ListedRecord[]> {
  const ids = rows.map(({ record }) => record.id);
  const documents = await documentsOf(db, entityId, ids);
  return rows.map(({ record, mark, group }) => ({
    ...record,
    // The stored group, as the facets count it: matching each message against the catalogue
    // again cost a failed page a third of a millisecond (bench/mirror.ts).
    classification: group === '' ? null : classifyGroup(group),
    document: documents.get(record.id) ?? null,
    handled: mark,
  }));
}

/** One record (as Monite answered it, or as mirrored) with its mark from the mirror. */
export async function listedRecord(db: Db, entityId: string, record: SyncRecord): Promise<ListedRecord> {
  const mark = await markOf(db, entityId, record.id);
  const [one] = await listedRecords(db, entityId, [{ record, mark, group: errorGroupOfRecord(record) }]);
  return one!;
}
