/** `/healthz`: the process answers. `/readyz`: the database and Monite's token endpoint do too. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../deps';

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
const fail = (error: unknown) => ({
  ok: false as const,
  error: error instanceof Error ? error.message : String(error),
});
