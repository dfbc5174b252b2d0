/**
 * The BFF's own interface as an OpenAPI 3.1 document, generated from the routes' zod schemas
 * (one source of truth: src/contract/) and served, without a session, at GET /api/openapi.json.
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import packageJson from '../../package.json' with { type: 'json' };
import { CSRF_HEADER } from '../contract/session';

export const OPENAPI_PATH = '/api/openapi.json';

/** Call before the routes are added: the document lists each route added after it. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sync Desk BFF',
        version: packageJson.version,
        description:
          'Every route under /api but /api/session needs the session cookie that POST /api/session sets. ' +
          `POST and DELETE requests, sign-in included, also need the header \`${CSRF_HEADER}: 1\` and ` +
          'an Origin header naming this server.',
      },
    },
    transform: jsonSchemaTransform,
  });
  // The document lists the interface, not itself.
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}
