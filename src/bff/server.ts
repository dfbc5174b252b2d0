/**
 * Builds the Fastify app: the /api routes DESIGN.md lists (nothing else is forwarded), the
 * error envelope, CSRF checks, and the built SPA with a history-API fallback.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { checkCsrf } from './csrf';
import type { Deps } from './deps';
import { HttpError, toHttpError } from './http-errors';
import { entitiesRoutes } from './routes/entities';
import { healthRoutes } from './routes/health';
import { pushRoutes } from './routes/push';
import { recordsRoutes } from './routes/records';

export const SPA_DIR = resolve(import.meta.dirname, '../../dist/app');

export async function buildServer(
  deps: Deps,
  options: { logger: FastifyBaseLogger; spaDir?: string },
): Promise<FastifyInstance> {
  // Requests are not logged one by one: the routes log what matters (pushes, refreshes, upstream errors).
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.addHook('onRequest', async (req) => checkCsrf(req));
  app.setErrorHandler((error, req, reply) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) req.log.error({ err: error, url: req.url }, httpError.message);
    return reply.code(httpError.status).headers(httpError.headers).send(httpError.body());
  });

  for (const routes of [healthRoutes, entitiesRoutes, recordsRoutes, pushRoutes]) routes(app, deps);

  const spaDir = options.spaDir ?? SPA_DIR;
  const serveSpa = existsSync(resolve(spaDir, 'index.html'));
  if (serveSpa) await app.register(fastifyStatic, { root: spaDir, index: 'index.html' });

  app.setNotFoundHandler((req, reply) => {
    if (serveSpa && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    const notFound = new HttpError(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}.`);
    return reply.code(404).send(notFound.body());
  });
  return app;
}
