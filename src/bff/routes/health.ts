/** `/healthz`: the process answers. `/readyz`: the database and Monite's token endpoint do too. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { livenessSchema, readinessSchema, type Check } from '../../contract/health';
import type { Deps } from '../deps';
import { toHttpError } from '../http-errors';
import { UpstreamError } from '../monite-client';
import { withErrors } from './responses';

const healthzSchema = { response: withErrors({ 200: livenessSchema }) };
const readyzSchema = { response: withErrors({ 200: readinessSchema, 503: readinessSchema }) };

export function healthRoutes(app: FastifyInstance, { db, monite }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/healthz', { schema: healthzSchema }, async () => ({ ok: true as const }));

  api.get('/readyz', { schema: readyzSchema }, async (_req, reply) => {
    const [database, moniteToken] = await Promise.all([
      sql`select 1`.execute(db).then(ok, fail),
      monite.accessToken().then(ok, fail),
    ]);
    const ready = database.ok && moniteToken.ok;
    return reply.code(ready ? 200 : 503).send({ ok: ready, checks: { database, monite: moniteToken } });
  });
}

const ok = (): Check => ({ ok: true });
/** Monite's failures in the words every route uses for them (what Monite did, not our mapping). */
const fail = (error: unknown): Check => ({
  ok: false,
  error:
    error instanceof UpstreamError
      ? toHttpError(error).message
      : error instanceof Error
        ? error.message
        : String(error),
});
