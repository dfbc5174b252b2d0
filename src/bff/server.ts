/**
 * Builds the Fastify app: security headers, sessions, CSRF checks, the /api routes DESIGN.md
 * lists (nothing else is forwarded), one error envelope, and the built SPA with a history fallback.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { isHttps, registerAuth } from './auth';
import { checkCsrf } from './csrf';
import type { Deps } from './deps';
import { HttpError, toHttpError } from './http-errors';
import { auditRoutes } from './routes/audit';
import { entitiesRoutes } from './routes/entities';
import { healthRoutes } from './routes/health';
import { pushRoutes } from './routes/push';
import { pushJobRoutes } from './routes/push-jobs';
import { recordsRoutes } from './routes/records';
import { sessionRoutes } from './routes/session';

const SPA_DIR = resolve(import.meta.dirname, '../../dist/app');

export async function buildServer(
  deps: Deps,
  options: { logger: FastifyBaseLogger; spaDir?: string },
): Promise<FastifyInstance> {
  // Requests are not logged one by one: the routes log what matters (pushes, refreshes, upstream errors).
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.settings.trustProxy,
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Toast and layout libraries set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Sent only over HTTPS, below: HSTS on a plain-HTTP demo would be ignored at best.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (isHttps(req, deps)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new HttpError(
        429,
        'rate_limited',
        `Too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });

  registerAuth(app, deps);
  app.addHook('onRequest', async (req) => checkCsrf(req, deps.settings.publicUrl));
  app.setErrorHandler((error, req, reply) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) req.log.error({ err: error, url: req.url }, httpError.message);
    return reply.code(httpError.status).headers(httpError.headers).send(httpError.body());
  });

  for (const routes of [
    healthRoutes,
    sessionRoutes,
    entitiesRoutes,
    recordsRoutes,
    pushRoutes,
    pushJobRoutes,
    auditRoutes,
  ]) {
    routes(app, deps);
  }

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
