/**
 * Marking a failed record handled (`resolved` or `do_not_send`, contract/handled.ts) and taking
 * the mark away. Both answer the record as the list shows it, with its mark.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listedRecordSchema } from '../../contract/api';
import { markInputSchema } from '../../contract/handled';
import { requires, signedInUser } from '../auth';
import type { Deps } from '../deps';
import { HttpError } from '../http-errors';
import { findRecord, listedRecord, markHandled, unmarkHandled } from '../mirror';
import { recordParams, requireServedEntity } from './params';
import { withErrors } from './responses';

const response = withErrors({ 200: listedRecordSchema });
const markSchema = { params: recordParams, body: markInputSchema, response };
const unmarkSchema = { params: recordParams, response };

export function markRoutes(app: FastifyInstance, { db, entities }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requires('markHandled');
  const url = '/api/entities/:entityId/records/:recordId/mark';

  const answer = async (entityId: string, recordId: string) => {
    const record = await findRecord(db, entityId, recordId);
    if (!record) throw new HttpError(404, 'not_found', 'This record is no longer in Monite.');
    return listedRecord(db, entityId, record);
  };

  api.post(url, { schema: markSchema, onRequest }, async (req) => {
    const { entityId, recordId } = req.params;
    await requireServedEntity(entityId, entities);
    const actor = signedInUser(req).email;
    await markHandled(db, { actor, entityId, recordId }, req.body);
    req.log.info({ entityId, recordId, kind: req.body.kind }, 'record marked handled');
    return answer(entityId, recordId);
  });

  api.delete(url, { schema: unmarkSchema, onRequest }, async (req) => {
    const { entityId, recordId } = req.params;
    await requireServedEntity(entityId, entities);
    await unmarkHandled(db, { actor: signedInUser(req).email, entityId, recordId });
    req.log.info({ entityId, recordId }, 'record mark removed');
    return answer(entityId, recordId);
  });
}
