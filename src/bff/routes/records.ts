/** The records list (from the mirror), one record (fresh from Monite) and a mirror refresh. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  listedRecordSchema,
  mirrorStatusSchema,
  recordsPageSchema,
  recordsQuerySchema,
} from '../../contract/api';
import type { Deps } from '../deps';
import { listedRecord, queryRecords, readFresh } from '../mirror';
import { entityParams, recordParams, requireServedEntity } from './params';
import { withErrors } from './responses';

const listSchema = {
  params: entityParams,
  querystring: recordsQuerySchema,
  response: withErrors({ 200: recordsPageSchema }),
};
const recordSchema = { params: recordParams, response: withErrors({ 200: listedRecordSchema }) };
const refreshSchema = { params: entityParams, response: withErrors({ 200: mirrorStatusSchema }) };

export function recordsRoutes(app: FastifyInstance, { db, monite, refresher, entities }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/entities/:entityId/records', { schema: listSchema }, async (req) => {
    const { entityId } = req.params;
    await requireServedEntity(entityId, entities);
    refresher.touch(entityId);
    const [result, mirror] = await Promise.all([
      queryRecords(db, entityId, req.query),
      refresher.status(entityId),
    ]);
    return { ...result, mirror };
  });

  api.get('/api/entities/:entityId/records/:recordId', { schema: recordSchema }, async (req) => {
    const { entityId, recordId } = req.params;
    await requireServedEntity(entityId, entities);
    return listedRecord(db, entityId, await readFresh(db, monite, entityId, recordId));
  });

  api.post('/api/entities/:entityId/refresh', { schema: refreshSchema }, async (req) => {
    const { entityId } = req.params;
    await requireServedEntity(entityId, entities);
    await refresher.refresh(entityId);
    return refresher.status(entityId);
  });
}
