/** The audit log: JSON pages for the Audit page, and a CSV export of the same filters. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { auditPageSchema, auditQuerySchema, awaitsSettle } from '../../contract/audit';
import { auditCsv, queryAudit } from '../audit';
import { requires, signedInUser } from '../auth';
import type { Deps } from '../deps';
import { withErrors } from './responses';

const pageSchema = { querystring: auditQuerySchema, response: withErrors({ 200: auditPageSchema }) };
const csvSchema = {
  querystring: auditQuerySchema,
  response: withErrors({ 200: { content: { 'text/csv': { schema: z.string() } } } }),
};

export function auditRoutes(app: FastifyInstance, { db, refresher }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/audit', { schema: pageSchema, onRequest: requires('readOwnAudit') }, async (req) => {
    const viewer = signedInUser(req);
    const page = await queryAudit(db, req.query, viewer);
    // A push shown still waiting settles when the mirror sees its record: have it look.
    for (const entry of page.data)
      if (awaitsSettle(entry) && entry.entity_id) refresher.touch(entry.entity_id);
    return page;
  });

  api.get(
    '/api/audit.csv',
    { schema: csvSchema, onRequest: requires('readOwnAudit') },
    async (req, reply) => {
      const viewer = signedInUser(req);
      const { cursor: _cursor, limit: _limit, ...filters } = req.query;
      const stamp = new Date().toISOString().slice(0, 10);
      // The document calls the body a string; it is streamed, which Fastify sends without serializing.
      const csv = Readable.from(auditCsv(db, filters, viewer)) as unknown as string;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="sync-desk-audit-${stamp}.csv"`)
        .send(csv);
    },
  );
}
