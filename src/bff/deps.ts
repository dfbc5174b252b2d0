/** What the routes need, built once in server.ts (and by tests, against the simulator). */
import type { FastifyBaseLogger } from 'fastify';
import { openDatabase, type Db } from './db/database';
import { EntityDirectory } from './entity-directory';
import { MirrorRefresher } from './mirror/refresher';
import type { MoniteClient } from './monite-client';

export type Deps = {
  db: Db;
  monite: MoniteClient;
  refresher: MirrorRefresher;
  entities: EntityDirectory;
};

export async function createDeps(
  config: { databaseUrl: string; entityIds: string[]; mirrorRefreshMs: number },
  monite: MoniteClient,
  log: FastifyBaseLogger,
): Promise<Deps> {
  const db = await openDatabase(config.databaseUrl);
  return {
    db,
    monite,
    refresher: new MirrorRefresher(db, monite, log, config.mirrorRefreshMs),
    entities: new EntityDirectory(monite, config.entityIds),
  };
}
