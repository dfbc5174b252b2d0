import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps';

export function entitiesRoutes(app: FastifyInstance, { entities }: Deps): void {
  app.get('/api/entities', async () => ({ data: await entities.list() }));
}
