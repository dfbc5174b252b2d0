/**
 * Records as the dashboard shows them (contract/api.ts `listedRecordSchema`): Monite's record,
 * with why it failed, whether a retry can help, the document behind it, and its mark if handled.
 */
import type { ListedRecord } from '../../contract/api';
import { classifyErrors } from '../../contract/error-groups';
import type { SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';
import { documentsOf } from '../documents';
import { marksOf } from './marks';

export async function listedRecords(
  db: Db,
  entityId: string,
  records: SyncRecord[],
): Promise<ListedRecord[]> {
  const ids = records.map((r) => r.id);
  const [documents, marks] = await Promise.all([documentsOf(db, entityId, ids), marksOf(db, entityId, ids)]);
  return records.map((record) => ({
    ...record,
    classification: record.sync_status === 'error' ? classifyErrors(record.errors) : null,
    document: documents.get(record.id) ?? null,
    handled: marks.get(record.id) ?? null,
  }));
}

export async function listedRecord(db: Db, entityId: string, record: SyncRecord): Promise<ListedRecord> {
  const [one] = await listedRecords(db, entityId, [record]);
  return one!;
}
