import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { entitiesResponseSchema } from '../../contract/api';
import { roleOn } from '../../contract/session';
import { signedInUser } from '../auth';
import type { Deps } from '../deps';
import { withErrors } from './responses';

const listSchema = { response: withErrors({ 200: entitiesResponseSchema }) };

export function entitiesRoutes(app: FastifyInstance, { entities }: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/entities', { schema: listSchema }, async (req) => {
    const user = signedInUser(req);
    // Only the entities the user has a grant for: the others are not shown to exist.
    return { data: (await entities.list()).filter((e) => roleOn(user, e.id) !== undefined) };
  });
}
