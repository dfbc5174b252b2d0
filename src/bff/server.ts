/**
 * Builds the Fastify app: security headers, sessions, CSRF checks, the /api routes (each with zod
 * schemas for its input and responses, which /api/openapi.json documents; nothing else is
 * forwarded), one error envelope, and the built SPA with a history fallback.
 */
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { addressLimitStore, isHttps, registerAuth } from './auth';
import { checkCsrf } from './csrf';
import { sendPage } from './first-screen';
import type { Deps } from './deps';
import { HttpError, invalidInput, toHttpError } from './http-errors';
import { loggedUrl } from './logged-url';
import { registerOpenApi } from './openapi';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { entitiesRoutes } from './routes/entities';
import { healthRoutes } from './routes/health';
import { markRoutes } from './routes/marks';
import { oidcRoutes } from './routes/oidc';
import { pushRoutes } from './routes/push';
import { pushJobRoutes } from './routes/push-jobs';
import { recordHistoryRoutes } from './routes/record-history';
import { recordsRoutes } from './routes/records';
import { sessionRoutes } from './routes/session';

const SPA_DIR = resolve(import.meta.dirname, '../../dist/app');

export async function buildServer(
  deps: Deps,
  options: {
    logger: FastifyBaseLogger;
    spaDir?: string;
    /** Called for each route as it is added (the route-by-route access test lists them). */
    onRoute?: (route: RouteOptions) => void;
  },
): Promise<FastifyInstance> {
  // Requests are not logged one by one: the routes log what matters (pushes, refreshes, upstream errors).
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.settings.trustProxy,
    // The router's own refusals (a bad %-escape, a path parameter over 100 characters) never
    // reach setErrorHandler: they get the same envelope here.
    frameworkErrors: answerError,
    schemaErrorFormatter: invalidInput(),
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

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
  // JSON answers (a records page of 50 is ~80 kB of repetitive JSON, ~14 kB compressed); static
  // files come compressed from the build. No body mixes a secret with text a caller chooses:
  // BREACH-safe. Levels for per-request work: on a page of 50, Brotli 4 takes half the CPU of 5
  // (~0.6 ms, not 1.2) for 7% more bytes, and gzip 4 two thirds of the default 6's for 5% more.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 4 },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Counted in the database: every server process on it counts the same attempts.
    store: addressLimitStore(deps.db),
    errorResponseBuilder: (_req, context) =>
      new HttpError(
        429,
        'rate_limited',
        `Too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });

  registerAuth(app, deps);
  app.addHook('onRequest', async (req) => checkCsrf(req, deps.settings.publicUrl));
  // Background reads end with the server, before its database closes.
  app.addHook('onClose', () => deps.documents.stop());
  app.setErrorHandler(answerError);

  await registerOpenApi(app);
  for (const routes of [
    healthRoutes,
    sessionRoutes,
    oidcRoutes,
    entitiesRoutes,
    recordsRoutes,
    recordHistoryRoutes,
    pushRoutes,
    markRoutes,
    pushJobRoutes,
    auditRoutes,
    adminRoutes,
  ]) {
    routes(app, deps);
  }

  const spaDir = options.spaDir ?? SPA_DIR;
  const serveSpa = existsSync(resolve(spaDir, 'index.html'));
  const assetsDir = resolve(spaDir, 'assets') + sep;
  if (serveSpa) {
    await app.register(fastifyStatic, {
      root: spaDir,
      index: 'index.html',
      // The build writes .br and .gz copies beside each file (src/build/precompress.ts).
      preCompressed: true,
      // Not the build's own files (its manifest, .vite/): only what the app loads.
      allowedPath: (path) => !path.split('/').some((part) => part.startsWith('.')),
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('vary', 'accept-encoding');
        // Vite names each file under assets/ by its content hash, so a cached copy never goes stale;
        // everything else (index.html, which names them) is checked with the server on each use.
        res.setHeader(
          'cache-control',
          path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    // Pages fall back to the SPA; a missing file under /assets (an old hash after a deploy) is a 404,
    // not index.html that the browser would try to run as a script.
    const isPage = !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
    if (serveSpa && req.method === 'GET' && isPage) return sendPage(app, spaDir, req, reply);
    const notFound = new HttpError(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}.`);
    return reply.code(404).send(notFound.body());
  });
  return app;
}

/** Every error, whoever raised it, answers `{"error": {"code", "message"}}`. */
function answerError(error: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const httpError = toHttpError(error);
  if (httpError.status >= 500) req.log.error({ err: error, url: loggedUrl(req.url) }, httpError.message);
  return reply.code(httpError.status).headers(httpError.headers).send(httpError.body());
}
