/**
 * Environment → typed config. Fails fast with a message naming the variable at fault.
 * No Monite credentials → demo mode (the simulator runs in-process).
 */
import { z } from 'zod';
import { recordLinkTemplateProblem } from '../contract/record-links';
import { MONITE_VERSION } from '../monite/schemas';
import { groupGrantsSchema, LOOPBACK_HOSTS, type GroupGrants } from './auth';
import { parseDatabaseUrl } from './db/url';

const csv = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  );

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/sync-desk.db')
    .superRefine((url, ctx) => {
      try {
        parseDatabaseUrl(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^DATABASE_URL /, '') });
      }
    }),
  MONITE_API_URL: z.url().default('https://api.sandbox.monite.com/v1'),
  MONITE_CLIENT_ID: z.string().min(1).optional(),
  MONITE_CLIENT_SECRET: z.string().min(1).optional(),
  MONITE_VERSION: z.iso.date().default(MONITE_VERSION),
  MONITE_ENTITY_IDS: csv.pipe(z.array(z.uuid())),
  MONITE_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  MONITE_RATE_LIMIT: z.coerce.number().positive().default(25),
  MIRROR_REFRESH_SECONDS: z.coerce.number().min(0).default(30),
  /** How often the mirror is checked for records deleted in Monite (a sweep costs records / 100 requests). */
  MIRROR_SWEEP_MINUTES: z.coerce.number().positive().default(60),
  /**
   * Several servers on one PostgreSQL: how long a dead server's claims (a push, a job, a refresh)
   * block the others. Shorter resumes its jobs sooner but costs more renewals.
   */
  LEASE_SECONDS: z.coerce.number().positive().default(30),
  /** The address staff use (e.g. https://sync-desk.example.com): the CSRF origin, and https → Secure cookies. */
  PUBLIC_URL: z.url().optional(),
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-* headers. */
  TRUST_PROXY: z.stringbool().default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  /** "Open in Monite" for a record, e.g. https://app.example.com/{object_type}/{object_id}. */
  RECORD_LINK_TEMPLATE: z
    .string()
    .optional()
    .superRefine((template, ctx) => {
      const problem = template ? recordLinkTemplateProblem(template) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** The company's OpenID Connect provider (all three, or none): "Sign in with <OIDC_NAME>". */
  OIDC_ISSUER: z
    .url()
    .refine((url) => {
      const { protocol, hostname } = new URL(url);
      return protocol === 'https:' || LOOPBACK_HOSTS.includes(hostname);
    }, 'must be https (plain http only on this machine: 127.0.0.1 or localhost)')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default('your company account'),
  /** The ID token claim that lists the person's groups. */
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** JSON: group → `{"admin": true}` or `{"entities": {"<entity id or *>": "viewer" | "operator"}}`. */
  OIDC_GROUP_GRANTS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(groupGrantsSchema),
  /** `off`: only the identity provider signs staff in. */
  PASSWORD_SIGN_IN: z.enum(['on', 'off']).default('on'),
  /** Demo mode only: how long the simulator keeps a pushed record pending. */
  DEMO_PUSH_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  /** Demo mode only: the simulator's loopback port (0 = any free port). */
  DEMO_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Demo mode only: the demo identity provider's loopback port (0 = any free port). */
  DEMO_OIDC_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

/** The identity provider staff sign in with (auth/oidc.ts). */
export type OidcConfig = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  name: string;
  groupsClaim: string;
  groupGrants: GroupGrants;
};

/** Where Monite is and who we are to it; null means demo mode. */
export type MoniteAccount = { baseUrl: string; clientId: string; clientSecret: string };

export type Config = {
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  databaseUrl: string;
  account: MoniteAccount | null;
  monite: { version: string; timeoutMs: number; rateLimitPerSecond: number };
  entityIds: string[];
  mirrorRefreshMs: number;
  mirrorSweepMs: number;
  leaseMs: number;
  publicUrl: URL | null;
  trustProxy: boolean;
  session: { idleMs: number; absoluteMs: number };
  /** Checked: an https URL naming only known placeholders (contract/record-links.ts). */
  recordLinkTemplate: string | null;
  /** Null: none configured (demo mode then runs its own, auth/demo-provider.ts). */
  oidc: OidcConfig | null;
  passwordSignIn: boolean;
  demo: { pushDelayMs: number; simulatorPort: number; oidcPort: number };
};

export type MoniteConfig = MoniteAccount &
  Config['monite'] & {
    /** First wait before retrying a failed read, doubled each time (default 250 ms; tests shorten it). */
    readRetryDelayMs?: number;
  };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.MONITE_CLIENT_ID) !== Boolean(e.MONITE_CLIENT_SECRET)) {
    throw new Error('Set both MONITE_CLIENT_ID and MONITE_CLIENT_SECRET, or neither (demo mode).');
  }
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new Error('Set all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none.');
  }
  if (e.PASSWORD_SIGN_IN === 'off' && oidcSet === 0 && e.MONITE_CLIENT_ID) {
    throw new Error('PASSWORD_SIGN_IN=off needs an identity provider (OIDC_ISSUER…): nobody could sign in.');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    account:
      e.MONITE_CLIENT_ID && e.MONITE_CLIENT_SECRET
        ? { baseUrl: e.MONITE_API_URL, clientId: e.MONITE_CLIENT_ID, clientSecret: e.MONITE_CLIENT_SECRET }
        : null,
    monite: {
      version: e.MONITE_VERSION,
      timeoutMs: e.MONITE_TIMEOUT_MS,
      rateLimitPerSecond: e.MONITE_RATE_LIMIT,
    },
    entityIds: e.MONITE_ENTITY_IDS,
    mirrorRefreshMs: e.MIRROR_REFRESH_SECONDS * 1000,
    mirrorSweepMs: e.MIRROR_SWEEP_MINUTES * 60_000,
    leaseMs: e.LEASE_SECONDS * 1000,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : null,
    trustProxy: e.TRUST_PROXY,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_MAX_HOURS * 3_600_000 },
    recordLinkTemplate: e.RECORD_LINK_TEMPLATE || null,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: new URL(e.OIDC_ISSUER),
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            name: e.OIDC_NAME,
            groupsClaim: e.OIDC_GROUPS_CLAIM,
            groupGrants: e.OIDC_GROUP_GRANTS,
          }
        : null,
    passwordSignIn: e.PASSWORD_SIGN_IN === 'on',
    demo: {
      pushDelayMs: e.DEMO_PUSH_DELAY_MS,
      simulatorPort: e.DEMO_SIMULATOR_PORT,
      oidcPort: e.DEMO_OIDC_PORT,
    },
  };
}
