/**
 * `npm run simulator`: the Monite simulator as a process of its own, for BFFs started elsewhere
 * (several instances sharing one Monite). Options come from the environment or from flags
 * (`--records 500` overrides `RECORDS=…`). It prints the `MONITE_*` environment to start a BFF with.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MONITE_VERSION } from '../monite/schemas';
import { DEFAULT_ENTITIES, type EntitySpec } from './entities';
import { DEMO_BOOKKEEPER, serveSimulator } from './serve';

const optionsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  HOST: z.string().default('127.0.0.1'),
  /** Across the default entities, shared as in demo mode (4 : 1). */
  RECORDS: z.coerce.number().int().min(0).default(3000),
  SEED: z.coerce.number().int().default(1),
  /** Someone fixes each data flaw a few minutes after a push failed for it, as in demo mode. */
  BOOKKEEPER: z.stringbool().default(false),
  PUSH_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  /** Requests per second per client before the gateway answers 429; 0 = unlimited. */
  RATE_LIMIT: z.coerce.number().min(0).default(0),
});

/** Flag name → environment name: `--push-delay-ms` → `PUSH_DELAY_MS`. */
const FLAGS = ['port', 'host', 'records', 'seed', 'bookkeeper', 'push-delay-ms', 'rate-limit'] as const;

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(FLAGS.map((flag) => [flag, { type: 'string' as const }])),
    strict: true,
  });
  const fromFlags = Object.fromEntries(
    Object.entries(values).map(([flag, value]) => [flag.toUpperCase().replaceAll('-', '_'), value]),
  );
  const parsed = optionsSchema.safeParse({ ...env, ...fromFlags });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid simulator options:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The default entities with `records` shared in their default proportions. */
function entitiesWith(records: number): EntitySpec[] {
  const total = DEFAULT_ENTITIES.reduce((sum, e) => sum + e.records, 0);
  let left = records;
  return DEFAULT_ENTITIES.map((spec, i) => {
    const share = i === DEFAULT_ENTITIES.length - 1 ? left : Math.round((records * spec.records) / total);
    left -= share;
    return { ...spec, records: share };
  });
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const served = await serveSimulator(
    {
      seed: options.SEED,
      entities: entitiesWith(options.RECORDS),
      pushDelayMs: options.PUSH_DELAY_MS,
      rateLimitPerSecond: options.RATE_LIMIT,
      bookkeeper: options.BOOKKEEPER ? DEMO_BOOKKEEPER : undefined,
    },
    { port: options.PORT, host: options.HOST },
  );
  // Throwaway credentials for a simulated Monite: printing them is the point (nothing real is at stake).
  process.stdout.write(
    [
      `Monite simulator is running at ${served.baseUrl}`,
      `Test controls: ${served.baseUrl.replace(/\/v1$/, '/__simulator')} (see README, "Standalone simulator")`,
      'Start a BFF against it with:',
      `MONITE_API_URL=${served.baseUrl}`,
      `MONITE_CLIENT_ID=${served.clientId}`,
      `MONITE_CLIENT_SECRET=${served.clientSecret}`,
      `MONITE_ENTITY_IDS=${served.simulator.entities.map((e) => e.id).join(',')}`,
      `MONITE_VERSION=${MONITE_VERSION}`,
      '',
    ].join('\n'),
  );

  const stop = async () => {
    await served.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
