/** What the routes need, built once in main.ts (and by tests, against the simulator). */
import type { FastifyBaseLogger } from 'fastify';
import type { DemoAccount } from '../contract/session';
import type { SessionLimits } from './auth';
import { openDatabase, type Db } from './db/database';
import { DocumentReader } from './documents';
import { EntityDirectory } from './entity-directory';
import { MirrorRefresher } from './mirror';
import type { MoniteClient } from './monite-client';
import { PushJobs } from './push/jobs';
import { SingleFlight } from './single-flight';
import type { SyncRecord } from '../monite/schemas';

export type Settings = {
  publicUrl: URL | null;
  trustProxy: boolean;
  session: SessionLimits;
  /** Demo mode only: accounts shown on the sign-in page. */
  demoAccounts: DemoAccount[];
  /** "Open in Monite" for a record (contract/record-links.ts), told to signed-in staff. */
  recordLinkTemplate: string | null;
  /** First wait before pushing again after a failure whose outcome was checked (doubles). */
  pushRetryDelayMs: number;
};

export type Deps = {
  db: Db;
  monite: MoniteClient;
  refresher: MirrorRefresher;
  /** Reads the document summaries of records the refresher wrote. */
  documents: DocumentReader;
  entities: EntityDirectory;
  /** Pushes in flight, keyed `entityId/recordId`: shared by single pushes and bulk jobs. */
  pushes: SingleFlight<SyncRecord>;
  jobs: PushJobs;
  settings: Settings;
};

export async function createDeps(
  config: {
    databaseUrl: string;
    entityIds: string[];
    mirrorRefreshMs: number;
    mirrorSweepMs: number;
  } & Omit<Settings, 'demoAccounts' | 'pushRetryDelayMs'>,
  monite: MoniteClient,
  log: FastifyBaseLogger,
): Promise<Deps> {
  const db = await openDatabase(config.databaseUrl, { singleServer: true });
  const refresher = new MirrorRefresher(db, monite, log, config.mirrorRefreshMs, config.mirrorSweepMs);
  const documents = new DocumentReader(db, monite, log);
  refresher.afterEachRefresh((entityId) => documents.kick(entityId));
  const deps: Omit<Deps, 'jobs'> = {
    db,
    monite,
    refresher,
    documents,
    entities: new EntityDirectory(monite, config.entityIds),
    pushes: new SingleFlight(),
    settings: {
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      session: config.session,
      recordLinkTemplate: config.recordLinkTemplate,
      demoAccounts: [],
      pushRetryDelayMs: 1000,
    },
  };
  return { ...deps, jobs: new PushJobs(deps, log) };
}
