/** Bulk push jobs: create (from a selection or the list's filters), follow, cancel. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createPushJobSchema, type PushJob } from '../../contract/push-jobs';
import { requirePermission } from '../auth';
import type { Deps } from '../deps';
import { parseInput } from '../http-errors';
import { entityFrom } from './params';

const jobParams = z.object({ jobId: z.uuid() });

export function pushJobRoutes(app: FastifyInstance, { jobs, entities }: Deps): void {
  app.post('/api/entities/:entityId/push-jobs', async (req, reply) => {
    const user = requirePermission(req, 'push');
    const entityId = await entityFrom(req.params, entities);
    const input = parseInput(createPushJobSchema, req.body, 'push job');
    return reply.code(201).send(await jobs.create(entityId, user, input));
  });

  app.get('/api/entities/:entityId/push-jobs', async (req): Promise<{ data: PushJob[] }> => {
    const entityId = await entityFrom(req.params, entities);
    return { data: await jobs.list(entityId) };
  });

  app.get('/api/entities/:entityId/push-jobs/:jobId', async (req): Promise<PushJob> => {
    const entityId = await entityFrom(req.params, entities);
    return jobs.get(entityId, parseInput(jobParams, req.params, 'path').jobId);
  });

  app.delete('/api/entities/:entityId/push-jobs/:jobId', async (req): Promise<PushJob> => {
    requirePermission(req, 'push');
    const entityId = await entityFrom(req.params, entities);
    return jobs.cancel(entityId, parseInput(jobParams, req.params, 'path').jobId);
  });
}
