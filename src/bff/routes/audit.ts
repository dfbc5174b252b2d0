/** The audit log: JSON pages for the Audit page, and a CSV export of the same filters. */
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { auditQuerySchema, awaitsSettle, type AuditPage } from '../../contract/audit';
import { auditCsv, queryAudit } from '../audit';
import { requirePermission } from '../auth';
import type { Deps } from '../deps';
import { parseInput } from '../http-errors';

export function auditRoutes(app: FastifyInstance, { db, refresher }: Deps): void {
  app.get('/api/audit', async (req): Promise<AuditPage> => {
    const viewer = requirePermission(req, 'readOwnAudit');
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const page = await queryAudit(db, query, viewer);
    // A push shown still waiting settles when the mirror sees its record: have it look.
    for (const entry of page.data)
      if (awaitsSettle(entry) && entry.entity_id) refresher.touch(entry.entity_id);
    return page;
  });

  app.get('/api/audit.csv', async (req, reply) => {
    const viewer = requirePermission(req, 'readOwnAudit');
    const { cursor: _cursor, limit: _limit, ...filters } = parseInput(auditQuerySchema, req.query, 'query');
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="sync-desk-audit-${stamp}.csv"`)
      .send(Readable.from(auditCsv(db, filters, viewer)));
  });
}
