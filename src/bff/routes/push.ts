/**
 * Pushing one record. At most one push of a record is in flight, across single and bulk pushes
 * and across server processes: a second request while it runs shares its result (on another
 * server: waits for it to end and answers the record as Monite then shows it), and a record
 * Monite still has `pending` is not pushed again. A record marked "do not send" is refused.
 */
import type { FastifyInstance } from 'fastify';
import { listedRecordSchema } from '../../contract/api';
import { PUSH_MESSAGES } from '../../contract/push-messages';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requires, signedInUser } from '../auth';
import type { Deps } from '../deps';
import { HttpError } from '../http-errors';
import { findRecord, listedRecord, markOf, readFresh } from '../mirror';
import { auditedPush } from '../push/audited-push';
import { PushInFlightElsewhere } from '../push/in-flight';
import { recordParams, requireServedEntity } from './params';
import { withErrors } from './responses';

const pushSchema = { params: recordParams, response: withErrors({ 200: listedRecordSchema }) };

export function pushRoutes(app: FastifyInstance, deps: Deps): void {
  const { db, monite, entities, pushes } = deps;

  const api = app.withTypeProvider<ZodTypeProvider>();

  const options = { schema: pushSchema, onRequest: requires('push') };
  api.post('/api/entities/:entityId/records/:recordId/push', options, async (req) => {
    const user = signedInUser(req);
    const { entityId, recordId } = req.params;
    await requireServedEntity(entityId, entities);
    const mark = await markOf(db, entityId, recordId);
    if (mark?.kind === 'do_not_send') {
      throw new HttpError(409, 'do_not_send', PUSH_MESSAGES.doNotSend(mark.by));
    }
    const key = `${entityId}/${recordId}`;
    const push = pushes.run(key, async () => {
      let before = await findRecord(db, entityId, recordId);
      // The mirror may be stale: only Monite's word that a record is still pending blocks a push.
      if (before?.sync_status === 'pending') {
        before = await readFresh(db, monite, entityId, recordId);
        if (before.sync_status === 'pending') {
          throw new HttpError(409, 'already_pending', PUSH_MESSAGES.alreadyPending);
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
    const pushed = await push.catch(async (error: unknown) => {
      if (!(error instanceof PushInFlightElsewhere)) throw error;
      await pushes.settledElsewhere(key);
      return readFresh(db, monite, entityId, recordId);
    });
    return listedRecord(db, entityId, pushed);
  });
}
