/**
 * Pushing one record, audited: the entry is written before Monite is called and completed after.
 * At most one push of a record is in flight: a second request while it runs shares its result,
 * and a record Monite still has `pending` is not pushed again. Retries follow push-safely.ts,
 * which never pushes again unless Monite shows the earlier push did not take.
 */
import type { FastifyInstance } from 'fastify';
import type { SyncRecord } from '../../monite/schemas';
import { appendAudit } from '../audit/log';
import { requirePermission } from '../auth/guard';
import type { Deps } from '../deps';
import { HttpError, toHttpError } from '../http-errors';
import { findRecord, upsertRecords } from '../mirror/store';
import { PushFailedError, pushSafely } from '../push-safely';
import { SingleFlight } from '../single-flight';
import { recordFrom } from './params';

/** What the audit log keeps about a record, from the freshest copy at hand. */
const describe = (record: SyncRecord | undefined) => ({
  object_type: record?.object_type ?? null,
  object_id: record?.object_id ?? null,
  provider: record?.provider ?? null,
  platform: record?.platform ?? null,
});

export function pushRoutes(app: FastifyInstance, { db, monite, entities, settings }: Deps): void {
  const inFlight = new SingleFlight<SyncRecord>();

  app.post('/api/entities/:entityId/records/:recordId/push', async (req): Promise<SyncRecord> => {
    const user = requirePermission(req, 'push');
    const { entityId, recordId } = await recordFrom(req.params, entities);
    return inFlight.run(`${entityId}/${recordId}`, async () => {
      let before = await findRecord(db, entityId, recordId);
      // The mirror may be stale: only Monite's word that a record is still pending blocks a push.
      if (before?.sync_status === 'pending') {
        before = (await monite.getRecord(entityId, recordId)).data;
        await upsertRecords(db, entityId, [before]);
        if (before.sync_status === 'pending') {
          throw new HttpError(
            409,
            'already_pending',
            'This record is already being pushed; Monite has not finished yet.',
          );
        }
      }

      const startedId = await appendAudit(db, {
        actor: user.email,
        action: 'push',
        entity_id: entityId,
        record_id: recordId,
        data: { ...describe(before), status_before: before?.sync_status ?? null },
      });
      const result = (data: Record<string, unknown>) =>
        appendAudit(db, {
          actor: user.email,
          action: 'push_result',
          entity_id: entityId,
          record_id: recordId,
          started_id: startedId,
          data,
        });
      const started = performance.now();
      const duration_ms = () => Math.round(performance.now() - started);

      try {
        const { record, requestId, attempts } = await pushSafely(monite, entityId, recordId, {
          before,
          retryDelayMs: settings.pushRetryDelayMs,
        });
        await upsertRecords(db, entityId, [record]);
        await result({
          outcome: 'ok',
          ...describe(record),
          status_after: record.sync_status,
          errors: record.errors ?? null,
          monite_request_id: requestId ?? null,
          attempts,
          duration_ms: duration_ms(),
        });
        req.log.info(
          { entityId, recordId, requestId, attempts, sync_status: record.sync_status },
          'record pushed',
        );
        return record;
      } catch (error) {
        await result({
          outcome: 'failed',
          reason: toHttpError(error).message,
          monite_request_id: error instanceof PushFailedError ? (error.requestId ?? null) : null,
          attempts: error instanceof PushFailedError ? error.attempts : null,
          duration_ms: duration_ms(),
        });
        throw error;
      }
    });
  });
}
