import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { entitiesResponseSchema } from '../../contract/api';
import type { Deps } from '../deps';
import { withErrors } from './responses';

const listSchema = { response: withErrors({ 200: entitiesResponseSchema }) };

export function entitiesRoutes(app: FastifyInstance, { entities }: Deps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/entities', { schema: listSchema }, async () => ({ data: await entities.list() }));
}
