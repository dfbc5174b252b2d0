/** A record's push history (from the audit log), for the details drawer. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { historyPageSchema, historyQuerySchema } from '../../contract/record-history';
import { recordHistory } from '../audit';
import { requires, signedInUser } from '../auth';
import type { Deps } from '../deps';
import { recordParams, requireServedEntity } from './params';
import { withErrors } from './responses';

const historySchema = {
  params: recordParams,
  querystring: historyQuerySchema,
  response: withErrors({ 200: historyPageSchema }),
};

export function recordHistoryRoutes(app: FastifyInstance, { db, entities }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/entities/:entityId/records/:recordId/history',
    { schema: historySchema, onRequest: requires('readOwnAudit') },
    async (req) => {
      const { entityId, recordId } = req.params;
      await requireServedEntity(entityId, entities);
      return recordHistory(db, entityId, recordId, req.query, signedInUser(req));
    },
  );
}
