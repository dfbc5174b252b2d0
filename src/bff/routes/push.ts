/**
 * Pushing one record. At most one push of a record is in flight: a second request while it
 * runs shares its result, and a record Monite still has `pending` is not pushed again.
 */
import type { FastifyInstance } from 'fastify';
import type { SyncRecord } from '../../monite/schemas';
import type { Deps } from '../deps';
import { HttpError } from '../http-errors';
import { findRecord, upsertRecords } from '../mirror/store';
import { SingleFlight } from '../single-flight';
import { recordFrom } from './params';

export function pushRoutes(app: FastifyInstance, { db, monite, entities }: Deps): void {
  const inFlight = new SingleFlight<SyncRecord>();

  app.post('/api/entities/:entityId/records/:recordId/push', async (req): Promise<SyncRecord> => {
    const { entityId, recordId } = await recordFrom(req.params, entities);
    return inFlight.run(`${entityId}/${recordId}`, async () => {
      // The mirror may be stale: only Monite's word that a record is still pending blocks a push.
      if ((await findRecord(db, entityId, recordId))?.sync_status === 'pending') {
        const { data: fresh } = await monite.getRecord(entityId, recordId);
        await upsertRecords(db, entityId, [fresh]);
        if (fresh.sync_status === 'pending') {
          throw new HttpError(
            409,
            'already_pending',
            'This record is already being pushed; Monite has not finished yet.',
          );
        }
      }
      const { data, requestId } = await monite.pushRecord(entityId, recordId);
      await upsertRecords(db, entityId, [data]);
      req.log.info({ entityId, recordId, requestId, sync_status: data.sync_status }, 'record pushed');
      return data;
    });
  });
}
