/**
 * One push of one record, as every caller (a person's click, a bulk job) must do it: the audit
 * entry is written before Monite is called and completed after; retries follow push-safely.ts;
 * the record Monite returns goes into the mirror.
 */
import type { SyncRecord } from '../../monite/schemas';
import { appendAudit } from '../audit';
import type { Db } from '../db/database';
import { toHttpError } from '../http-errors';
import { forgetIfGone, upsertRecords } from '../mirror';
import type { MoniteClient, Priority } from '../monite-client';
import { PushFailedError, pushSafely } from './push-safely';

/** What a push needs of the app's dependencies (deps.ts provides them). */
export type PushDeps = {
  db: Db;
  monite: MoniteClient;
  settings: { pushRetryDelayMs: number };
};

export type PushRequest = {
  actor: string;
  entityId: string;
  recordId: string;
  /** The record as last seen (mirror or Monite); undefined if Sync Desk has never seen it. */
  before: SyncRecord | undefined;
  priority: Priority;
  /** The bulk job this push belongs to, for the audit log. */
  jobId?: string;
};

/** What the audit log keeps about a record, from the freshest copy at hand. */
const describe = (record: SyncRecord | undefined) => ({
  object_type: record?.object_type ?? null,
  object_id: record?.object_id ?? null,
  provider: record?.provider ?? null,
  platform: record?.platform ?? null,
});

export async function auditedPush(
  { db, monite, settings }: PushDeps,
  { actor, entityId, recordId, before, priority, jobId }: PushRequest,
): Promise<SyncRecord> {
  const job = jobId ? { job_id: jobId } : {};
  const startedId = await appendAudit(db, {
    actor,
    action: 'push',
    entity_id: entityId,
    record_id: recordId,
    data: { ...describe(before), status_before: before?.sync_status ?? null, ...job },
  });
  const complete = (data: Record<string, unknown>) =>
    appendAudit(db, {
      actor,
      action: 'push_result',
      entity_id: entityId,
      record_id: recordId,
      started_id: startedId,
      data: { ...data, ...job, duration_ms: Math.round(performance.now() - started) },
    });
  const started = performance.now();

  try {
    const { record, requestId, attempts } = await pushSafely(monite, entityId, recordId, {
      before,
      priority,
      retryDelayMs: settings.pushRetryDelayMs,
    });
    // The result first: a refresh that sees the record settled in between then finds the push to settle.
    await complete({
      outcome: 'ok',
      ...describe(record),
      status_after: record.sync_status,
      errors: record.errors ?? null,
      monite_request_id: requestId ?? null,
      attempts,
    });
    await upsertRecords(db, entityId, [record]);
    return record;
  } catch (error) {
    await forgetIfGone(db, entityId, recordId, error);
    await complete({
      outcome: 'failed',
      reason: toHttpError(error).message,
      monite_request_id: error instanceof PushFailedError ? (error.requestId ?? null) : null,
      attempts: error instanceof PushFailedError ? error.attempts : null,
    });
    throw error;
  }
}
