/** The records list (from the mirror), one record (fresh from Monite) and a mirror refresh. */
import type { FastifyInstance } from 'fastify';
import { recordsQuerySchema, type RecordsPage } from '../../contract/api';
import type { SyncRecord } from '../../monite/schemas';
import type { Deps } from '../deps';
import { parseInput } from '../http-errors';
import { queryRecords } from '../mirror/queries';
import { readFresh } from '../mirror/fresh-record';
import { entityFrom, recordFrom } from './params';

export function recordsRoutes(app: FastifyInstance, { db, monite, refresher, entities }: Deps): void {
  app.get('/api/entities/:entityId/records', async (req): Promise<RecordsPage> => {
    const entityId = await entityFrom(req.params, entities);
    const query = parseInput(recordsQuerySchema, req.query, 'query');
    refresher.touch(entityId);
    const [result, mirror] = await Promise.all([
      queryRecords(db, entityId, query),
      refresher.status(entityId),
    ]);
    return { ...result, mirror };
  });

  app.get('/api/entities/:entityId/records/:recordId', async (req): Promise<SyncRecord> => {
    const { entityId, recordId } = await recordFrom(req.params, entities);
    return readFresh(db, monite, entityId, recordId);
  });

  app.post('/api/entities/:entityId/refresh', async (req) => {
    const entityId = await entityFrom(req.params, entities);
    await refresher.refresh(entityId);
    return refresher.status(entityId);
  });
}
