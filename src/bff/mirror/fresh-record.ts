/**
 * One record read fresh from Monite into the mirror. Monite has no feed of deletions, so a 404
 * for a record is the quickest evidence that it is gone: its row is dropped at once, rather than
 * showing a record nobody can open or push until the next sweep.
 */
import type { SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';
import { UpstreamError, type MoniteClient, type Priority } from '../monite-client';
import { PushFailedError } from '../push/push-safely';
import { deleteRecords, upsertRecords } from './store';

export async function readFresh(
  db: Db,
  monite: MoniteClient,
  entityId: string,
  recordId: string,
  priority: Priority = 'interactive',
): Promise<SyncRecord> {
  try {
    const { data } = await monite.getRecord(entityId, recordId, { priority });
    await upsertRecords(db, entityId, [data]);
    return data;
  } catch (error) {
    await forgetIfGone(db, entityId, recordId, error);
    throw error;
  }
}

/** Drops the record's row when `error` is Monite's 404 for it (directly or behind a failed push). */
export async function forgetIfGone(
  db: Db,
  entityId: string,
  recordId: string,
  error: unknown,
): Promise<void> {
  const upstream = error instanceof PushFailedError ? error.upstream : error;
  if (upstream instanceof UpstreamError && upstream.status === 404) {
    await deleteRecords(db, entityId, [recordId]);
  }
}
