/**
 * Starts Sync Desk. Without Monite credentials it runs in demo mode: the Monite simulator
 * starts in-process on a loopback port with a seeded dataset and throwaway credentials.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { startDemoProvider } from '../oidc-provider/demo-provider';
import { DEMO_BOOKKEEPER, serveSimulator, type ServedSimulator } from '../simulator/serve';
import { loadConfig, type Config, type MoniteAccount, type OidcConfig } from './config';
import { closeUnfinishedPushes } from './audit';
import {
  demoGroupGrants,
  demoIdentities,
  ensureDemoAccounts,
  OidcRelyingParty,
  unlinkDemoIdentities,
} from './auth';
import { OIDC_CALLBACK_PATH } from '../contract/session';
import { createDeps } from './deps';
import { clearMirror, regroupErrors } from './mirror';
import { MoniteClient } from './monite-client';
import { buildServer } from './server';
import { openRateLimiter } from './shared-rate-limiter';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const closers: (() => Promise<void>)[] = [];

  const demo = config.account ? null : await startDemoMonite(config.demo, closers);
  const account: MoniteAccount = config.account ?? {
    baseUrl: demo!.baseUrl,
    clientId: demo!.clientId,
    clientSecret: demo!.clientSecret,
  };
  const rate = await openRateLimiter(config.databaseUrl, config.monite.rateLimitPerSecond, log);
  closers.push(rate.close);
  const monite = new MoniteClient({ ...account, ...config.monite }, log, undefined, rate.limiter);
  const leases = { ttlMs: config.leaseMs, now: Date.now };
  const deps = await createDeps(config, monite, log, { leases });
  let demoProvider: string | null = null;
  if (demo) {
    const [first] = await deps.entities.list();
    if (!first) throw new Error('The demo simulator serves no entity.');
    deps.settings.demoAccounts = await ensureDemoAccounts(deps.db, first);
    await clearMirror(deps.db);
    if (!config.oidc) {
      const oidc = await startDemoIdentityProvider(config, first.id, closers);
      await unlinkDemoIdentities(deps.db);
      deps.settings.oidc = new OidcRelyingParty(oidc);
      demoProvider = oidc.issuer.origin;
    }
  }
  // Only pushes no running server holds: another server's pushes go on (decision 011).
  const { closed: abandoned } = await closeUnfinishedPushes(deps.db);
  if (abandoned > 0)
    log.warn({ pushes: abandoned }, 'pushes from before the last stop have no recorded outcome');
  const resumed = await deps.jobs.resume();
  if (resumed > 0) log.info({ jobs: resumed }, 'resumed bulk push jobs');
  // A third of a lease: a job whose server died resumes within about a lease and a third.
  const stopResuming = deps.jobs.resumeLapsed(leases.ttlMs / 3);
  closers.unshift(async () => stopResuming());
  // In the background: the list stays usable, showing the old groups until each chunk moves.
  regroupErrors(deps.db).then(
    (moved) =>
      moved > 0 && log.info({ records: moved }, 'failed records regrouped by the current error catalogue'),
    (error: unknown) => log.error({ err: error }, 'regrouping failed records stopped'),
  );
  const app = await buildServer(deps, { logger: log });
  closers.unshift(() => app.close());
  await app.listen({ port: config.port, host: config.host });

  const url = `http://${config.host}:${(app.server.address() as { port: number }).port}`;
  const source = config.account
    ? `Monite: ${account.baseUrl}`
    : 'DEMO MODE: simulated Monite data, nothing leaves this machine';
  const provider = demoProvider ? `Demo identity provider (accounts page): ${demoProvider}\n` : '';
  process.stdout.write(`\nSync Desk is running at ${url}\n${source}\n${provider}\n`);

  const stop = async () => {
    for (const close of closers) await close();
    await deps.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The simulator on a loopback port, with throwaway credentials only this process knows. */
async function startDemoMonite(
  demo: Config['demo'],
  closers: (() => Promise<void>)[],
): Promise<ServedSimulator> {
  const served = await serveSimulator(
    { pushDelayMs: demo.pushDelayMs, bookkeeper: DEMO_BOOKKEEPER },
    { port: demo.simulatorPort },
  );
  closers.push(served.close);
  return served;
}

/**
 * The demo identity provider on a loopback port, Sync Desk registered with it as a client with a
 * throwaway secret; its bookkeeper looks after `bookkeepersEntityId`.
 */
async function startDemoIdentityProvider(
  config: Config,
  bookkeepersEntityId: string,
  closers: (() => Promise<void>)[],
): Promise<OidcConfig> {
  const origins = [`http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`];
  if (config.publicUrl) origins.push(config.publicUrl.origin);
  const clientId = 'sync-desk-demo';
  const clientSecret = randomBytes(24).toString('base64url');
  const provider = await startDemoProvider({
    clientId,
    clientSecret,
    redirectUris: origins.map((origin) => origin + OIDC_CALLBACK_PATH),
    postLogoutRedirectUris: origins.map((origin) => `${origin}/sign-in`),
    identities: demoIdentities(),
    port: config.demo.oidcPort,
  });
  closers.push(provider.close);
  return {
    issuer: new URL(provider.issuer),
    clientId,
    clientSecret,
    name: 'Demo SSO',
    groupsClaim: 'groups',
    groupGrants: demoGroupGrants(bookkeepersEntityId),
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
