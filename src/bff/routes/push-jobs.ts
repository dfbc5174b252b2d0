/** Bulk push jobs: create (from a selection or the list's filters), follow, cancel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createPushJobSchema, pushJobListSchema, pushJobSchema } from '../../contract/push-jobs';
import { requires, signedInUser } from '../auth';
import type { Deps } from '../deps';
import { invalidInput } from '../http-errors';
import { entityParams, jobParams, requireServedEntity } from './params';
import { withErrors } from './responses';

const createSchema = {
  params: entityParams,
  body: createPushJobSchema,
  response: withErrors({ 201: pushJobSchema }),
};
const listSchema = { params: entityParams, response: withErrors({ 200: pushJobListSchema }) };
const jobSchema = { params: jobParams, response: withErrors({ 200: pushJobSchema }) };

export function pushJobRoutes(app: FastifyInstance, { jobs, entities }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/entities/:entityId/push-jobs',
    { schema: createSchema, schemaErrorFormatter: invalidInput('push job'), onRequest: requires('push') },
    async (req, reply) => {
      const user = signedInUser(req);
      await requireServedEntity(req.params.entityId, entities);
      return reply.code(201).send(await jobs.create(req.params.entityId, user, req.body));
    },
  );

  api.get('/api/entities/:entityId/push-jobs', { schema: listSchema }, async (req) => {
    await requireServedEntity(req.params.entityId, entities);
    return { data: await jobs.list(req.params.entityId) };
  });

  api.get('/api/entities/:entityId/push-jobs/:jobId', { schema: jobSchema }, async (req) => {
    await requireServedEntity(req.params.entityId, entities);
    return jobs.get(req.params.entityId, req.params.jobId);
  });

  const cancelOptions = { schema: jobSchema, onRequest: requires('push') };
  api.delete('/api/entities/:entityId/push-jobs/:jobId', cancelOptions, async (req) => {
    await requireServedEntity(req.params.entityId, entities);
    return jobs.cancel(req.params.entityId, req.params.jobId);
  });
}
