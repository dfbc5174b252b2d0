/**
 * Records as the dashboard shows them (contract/api.ts `listedRecordSchema`): Monite's record,
 * with why it failed and whether a retry can help.
 */
import type { ListedRecord } from '../../contract/api';
import { classifyErrors } from '../../contract/error-groups';
import type { SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';

export async function listedRecords(
  _db: Db,
  _entityId: string,
  records: SyncRecord[],
): Promise<ListedRecord[]> {
  return records.map((record) => ({
    ...record,
    classification: record.sync_status === 'error' ? classifyErrors(record.errors) : null,
  }));
}

export async function listedRecord(db: Db, entityId: string, record: SyncRecord): Promise<ListedRecord> {
  const [one] = await listedRecords(db, entityId, [record]);
  return one!;
}
