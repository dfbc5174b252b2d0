/** What the routes need, built once in main.ts (and by tests, against the simulator). */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { DemoAccount } from '../contract/session';
import { OidcRelyingParty, type SessionLimits } from './auth';
import type { OidcConfig } from './config';
import { openDatabase, type Db } from './db/database';
import { DEFAULT_LEASE_OPTIONS, Leases, type LeaseOptions } from './db/leases';
import { DocumentReader } from './documents';
import { EntityDirectory } from './entity-directory';
import { MirrorRefresher } from './mirror';
import type { MoniteClient } from './monite-client';
import { PushesInFlight } from './push/in-flight';
import { PushJobs } from './push/jobs';

export type Settings = {
  publicUrl: URL | null;
  trustProxy: boolean;
  session: SessionLimits;
  /** The identity provider staff may sign in with ("Sign in with <name>"), if any. */
  oidc: OidcRelyingParty | null;
  /** False: only the identity provider signs staff in (PASSWORD_SIGN_IN=off). */
  passwordSignIn: boolean;
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
  /** This process's claims on work that one server on the database does at a time. */
  leases: Leases;
  /** Pushes in flight, keyed `entityId/recordId`: shared by single pushes and bulk jobs. */
  pushes: PushesInFlight;
  jobs: PushJobs;
  settings: Settings;
};

/** This server process among those on the database (tests run several in one process). */
export type Instance = {
  /** Default a random id. */
  id?: string;
  /**
   * Hold the database as a server (db/database.ts): an SQLite file alone, PostgreSQL beside other
   * servers. Default true; tests running several instances in one process share it as tools do.
   */
  server?: boolean;
  leases?: LeaseOptions;
  /** How often a push waiting for another server's push of the record looks again. */
  pollMs?: number;
};

export async function createDeps(
  config: {
    databaseUrl: string;
    entityIds: string[];
    mirrorRefreshMs: number;
    mirrorSweepMs: number;
    oidc: OidcConfig | null;
  } & Omit<Settings, 'demoAccounts' | 'pushRetryDelayMs' | 'oidc'>,
  monite: MoniteClient,
  log: FastifyBaseLogger,
  instance: Instance = {},
): Promise<Deps> {
  const { server = true, leases: leaseOptions = DEFAULT_LEASE_OPTIONS } = instance;
  const owner = instance.id ?? randomUUID();
  const db = await openDatabase(
    config.databaseUrl,
    server
      ? {
          hold: 'shared',
          // Alone on the database, whatever another process left is from one that stopped: a job
          // it ran resumes now rather than when its lease lapses.
          ifAlone: (opened) => new Leases(opened, owner, leaseOptions).forgetOthers(),
        }
      : {},
  );
  const leases = new Leases(db, owner, leaseOptions);
  const refresher = new MirrorRefresher(
    db,
    monite,
    log,
    leases,
    config.mirrorRefreshMs,
    config.mirrorSweepMs,
  );
  const documents = new DocumentReader(db, monite, log);
  refresher.afterEachRefresh((entityId) => documents.kick(entityId));
  const deps: Omit<Deps, 'jobs'> = {
    db,
    monite,
    refresher,
    documents,
    entities: new EntityDirectory(monite, config.entityIds),
    leases,
    pushes: new PushesInFlight(leases, instance.pollMs),
    settings: {
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      session: config.session,
      recordLinkTemplate: config.recordLinkTemplate,
      oidc: config.oidc && new OidcRelyingParty(config.oidc),
      passwordSignIn: config.passwordSignIn,
      demoAccounts: [],
      pushRetryDelayMs: 1000,
    },
  };
  return { ...deps, jobs: new PushJobs(deps, log) };
}
