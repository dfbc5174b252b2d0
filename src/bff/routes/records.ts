/**
 * The records list (from the mirror) and its CSV export, one record (fresh from Monite) and a
 * mirror refresh.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  listedRecordSchema,
  mirrorStatusSchema,
  recordsExportQuerySchema,
  recordsPageSchema,
  recordsQuerySchema,
} from '../../contract/api';
import type { Deps } from '../deps';
import type { EntityDirectory } from '../entity-directory';
import { listedRecord, queryRecords, readFresh, recordsCsv } from '../mirror';
import { entityParams, recordParams, requireServedEntity } from './params';
import { withErrors } from './responses';

const listSchema = {
  params: entityParams,
  querystring: recordsQuerySchema,
  response: withErrors({ 200: recordsPageSchema }),
};
const csvSchema = {
  params: entityParams,
  querystring: recordsExportQuerySchema,
  response: withErrors({ 200: { content: { 'text/csv': { schema: z.string() } } } }),
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

  api.get('/api/entities/:entityId/records.csv', { schema: csvSchema }, async (req, reply) => {
    const { entityId } = req.params;
    await requireServedEntity(entityId, entities);
    const name = await fileNameOf(entityId, entities);
    const stamp = new Date().toISOString().slice(0, 10);
    // The document calls the body a string; it is streamed, which Fastify sends without serializing.
    // At most two pages wait for a slow client (the default would let 16 pile up).
    const csv = Readable.from(recordsCsv(db, entityId, req.query), {
      highWaterMark: 2,
    }) as unknown as string;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="sync-desk-${name}-${stamp}.csv"`)
      .send(csv);
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

/** The entity's name as a file name part ("Müller GmbH" → "muller-gmbh"), else its id. */
async function fileNameOf(entityId: string, entities: EntityDirectory): Promise<string> {
  const name = (await entities.list()).find((e) => e.id === entityId)?.name ?? '';
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || entityId;
}
