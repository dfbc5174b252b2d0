/**
 * Pushing one record. At most one push of a record is in flight, across single and bulk pushes:
 * a second request while it runs shares its result, and a record Monite still has `pending` is
 * not pushed again.
 */
import type { FastifyInstance } from 'fastify';
import type { SyncRecord } from '../../monite/schemas';
import { requirePermission } from '../auth/guard';
import type { Deps } from '../deps';
import { HttpError } from '../http-errors';
import { readFresh } from '../mirror/fresh-record';
import { findRecord } from '../mirror/store';
import { auditedPush } from '../push/audited-push';
import { recordFrom } from './params';

export function pushRoutes(app: FastifyInstance, deps: Deps): void {
  const { db, monite, entities, pushes } = deps;

  app.post('/api/entities/:entityId/records/:recordId/push', async (req): Promise<SyncRecord> => {
    const user = requirePermission(req, 'push');
    const { entityId, recordId } = await recordFrom(req.params, entities);
    return pushes.run(`${entityId}/${recordId}`, async () => {
      let before = await findRecord(db, entityId, recordId);
      // The mirror may be stale: only Monite's word that a record is still pending blocks a push.
      if (before?.sync_status === 'pending') {
        before = await readFresh(db, monite, entityId, recordId);
        if (before.sync_status === 'pending') {
          throw new HttpError(
            409,
            'already_pending',
            'This record is already being pushed; Monite has not finished yet.',
          );
        }
      }
      const record = await auditedPush(deps, {
        actor: user.email,
        entityId,
        recordId,
        before,
        priority: 'interactive',
      });
      req.log.info({ entityId, recordId, sync_status: record.sync_status }, 'record pushed');
      return record;
    });
  });
}
