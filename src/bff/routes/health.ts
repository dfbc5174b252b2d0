/** `/healthz`: the process answers. `/readyz`: the database and Monite's token endpoint do too. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../deps';
import { toHttpError } from '../http-errors';
import { UpstreamError } from '../monite-client';

export function healthRoutes(app: FastifyInstance, { db, monite }: Deps): void {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    const [database, moniteToken] = await Promise.all([
      sql`select 1`.execute(db).then(ok, fail),
      monite.accessToken().then(ok, fail),
    ]);
    const ready = database.ok && moniteToken.ok;
    return reply.code(ready ? 200 : 503).send({ ok: ready, checks: { database, monite: moniteToken } });
  });
}

const ok = () => ({ ok: true as const });
/** Monite's failures in the words every route uses for them (what Monite did, not our mapping). */
const fail = (error: unknown) => ({
  ok: false as const,
  error:
    error instanceof UpstreamError
      ? toHttpError(error).message
      : error instanceof Error
        ? error.message
        : String(error),
});
