/**
 * The real BFF for the SPA's tests: src/bff's routes over a fresh simulator and an in-memory
 * database (built by src/bff/test/harness.ts), answering the SPA's `fetch('/api/…')` in-process
 * through msw and `app.inject`, as a browser on the same origin would be answered: it keeps the
 * HttpOnly session cookie and sends an Origin with every write. Test states are made the way they
 * happen: through the BFF's own routes, its database, and the simulator's controls.
 */
import { sql } from 'kysely';
import { http } from 'msw';
import type { ListedRecord, RecordsPage } from '../../contract/api';
import type { CreatePushJob } from '../../contract/push-jobs';
import type { GrantRole, Role } from '../../contract/session';
import { OidcRelyingParty } from '../../bff/auth';
import { ensureDemoAccounts } from '../../bff/auth/demo-accounts';
import { grantEntity } from '../../bff/auth/grants';
import { addUser, disableUser, findUserByEmail, setRole } from '../../bff/auth/users';
import type { Database } from '../../bff/db/schema';
import { createBff, FAST_JOBS, MONITE_URL, PASSWORD, SAME_ORIGIN } from '../../bff/test/harness';
import type { SimRecord } from '../../simulator';
import { server } from './server';

/** For tests that seed the audit log directly (the SPA's tests may import the BFF only through here). */
export { appendAudit } from '../../bff/audit';

export { PASSWORD };

/** A record as a test describes it: a failed Codat → Xero bill (a cause a retry may help) unless it says otherwise. */
export type RecordInit = Partial<Omit<SimRecord, 'id'>>;

export type TestBffOptions = {
  /** Signed in as this role (default operator), or signed out. */
  session?: Role | 'signed-out';
  /**
   * Who has an account (`<role>@example.com`, PASSWORD): by default the signed-in role, or an
   * operator when signed out (none in demo mode); `as(role)` adds one. Each costs a password
   * hash, most of a start's time.
   */
  accounts?: Role[];
  /** Demo mode: the demo accounts exist (with their demo passwords) and sign-in lists them. */
  demo?: boolean;
  /** An identity provider of this name is configured ("Sign in with <name>"); `password: false` switches passwords off. */
  identityProvider?: { name: string; password?: boolean };
  /** The first entity's records at Monite, mirrored before the page opens. */
  records?: RecordInit[];
  /** Leave the mirror empty, so the page's first request starts the first scan. */
  unmirrored?: boolean;
  /** How long a push stays pending at Monite. Default 100 ms; `settlePushes()` ends them sooner. */
  pushDelayMs?: number;
  /**
   * The BFF has read the documents behind the records before the page opens. Off by default: the
   * background reader is then kept still, so rows show type and object id as before it has read them.
   */
  documents?: boolean;
};

/**
 * Jobs send one record at a time (so a held push holds back the rest), and watch pending records
 * until they settle, a few times a second (each look is a mirror refresh).
 */
const JOBS = {
  ...FAST_JOBS,
  concurrency: 1,
  settleWhilePushingMs: 200,
  settleAfterPushingMs: 200,
  settleTimeoutMs: 60_000,
};
const SAFE_METHODS = new Set(['GET', 'HEAD']);

const running: (() => Promise<void>)[] = [];

/** Ends every BFF the test started (setup.ts, after each test). */
export async function stopBffs(): Promise<void> {
  await Promise.all(running.splice(0).map((close) => close()));
}

export async function startBff({
  session = 'operator',
  demo = false,
  // Demo mode makes its own.
  accounts = demo ? [] : [session === 'signed-out' ? 'operator' : session],
  records = [],
  unmirrored = false,
  pushDelayMs = 100,
  documents = false,
  identityProvider,
}: TestBffOptions = {}) {
  // The simulator's clock runs `skew` ahead of the real one: moving it on settles pushes at once.
  let skew = 0;
  const bff = await createBff(
    {
      entities: [
        { name: 'Acme Ltd', records: 0 },
        { name: 'Globex GmbH', records: 0 },
      ],
      pushDelayMs,
      now: () => Date.now() + skew,
    },
    // Long enough for a test to hold a push at Monite across a few polls.
    { timeoutMs: 30_000, jobs: JOBS, roles: accounts },
  );
  const { app, deps, sim, entityId } = bff;
  running.push(bff.close);

  const jar = new Map<string, string>();
  const keep = (cookies: { name: string; value: string; maxAge?: number; expires?: Date }[]) => {
    for (const c of cookies) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
  };

  const origin = window.location.origin;
  server.use(
    ...sim.handlers,
    http.all(`${origin}/api/*`, async ({ request }) => {
      const url = new URL(request.url);
      const headers = Object.fromEntries(request.headers);
      headers.host = url.host;
      if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      // Browsers send Origin with every same-origin write; Node's fetch does not.
      if (!SAFE_METHODS.has(request.method)) headers.origin = origin;
      const res = await app.inject({
        method: request.method as 'GET',
        url: url.pathname + url.search,
        headers,
        ...(!SAFE_METHODS.has(request.method) && { payload: Buffer.from(await request.arrayBuffer()) }),
      });
      keep(res.cookies as Parameters<typeof keep>[0]);
      const out = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        // The session cookie is HttpOnly: page scripts never see it.
        if (name !== 'set-cookie' && value !== undefined) out.set(name, String(value));
      }
      const empty = res.statusCode === 204 || res.statusCode === 304;
      return new Response(empty ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: out,
      });
    }),
  );

  if (demo) deps.settings.demoAccounts = await ensureDemoAccounts(deps.db, (await deps.entities.list())[0]!);
  if (identityProvider) {
    // Never reached in these tests: the sign-in page only links to it (src/bff/auth/oidc.test.ts signs in through one).
    deps.settings.oidc = new OidcRelyingParty({
      issuer: new URL('https://idp.example.com'),
      clientId: 'sync-desk',
      clientSecret: 'unused',
      name: identityProvider.name,
      groupsClaim: 'groups',
      groupGrants: {},
    });
    deps.settings.passwordSignIn = identityProvider.password ?? true;
  }
  const start = Date.now();
  const inserted = records.map((init, i) => {
    // Listed in the order given (newest first).
    const at = new Date(start - i * 1000).toISOString();
    return sim.store.insert(entityId, {
      created_at: at,
      updated_at: at,
      object_type: 'bill',
      provider: 'codat',
      platform: 'xero',
      sync_status: 'error',
      ...(init.sync_status === undefined || init.sync_status === 'error'
        ? { errors: { provider: { message: 'The Organisation is offline' } } }
        : {}),
      ...init,
    });
  });

  /** Headers for a same-origin request signed in as `role` (someone else, in another browser). */
  const as = async (role: Role) => {
    const email = `${role}@example.com`;
    if (!(await findUserByEmail(deps.db, email))) await addUser(deps.db, email, role, PASSWORD);
    return bff.signIn(role);
  };
  type SessionHeaders = Awaited<ReturnType<typeof as>>;

  const signIn = async (role: Role) => {
    const { cookie } = await as(role);
    for (const pair of cookie.split('; ')) {
      const [name, value] = pair.split('=');
      jar.set(name!, value!);
    }
  };
  // A reader running on its own would name the rows at a moment no test controls.
  if (!documents) deps.documents.kick = () => {};
  // Side by side: the mirror's first scan (and reading its documents) and the sign-in's password check.
  await Promise.all([
    !unmirrored &&
      deps.refresher.refresh(entityId).then(async () => {
        if (documents) await deps.documents.fill(entityId);
      }),
    session !== 'signed-out' && signIn(session),
  ]);

  return {
    ...bff,
    /** The other entity's id and name. */
    otherEntity: { id: sim.entities[1]!.id, name: sim.entities[1]!.displayName },
    recordsUrl: `/entities/${entityId}/records`,
    /** The records made from `records`, in order. */
    records: inserted,
    /** The records as the BFF lists them (every status), with their documents and causes. */
    async listed(): Promise<ListedRecord[]> {
      const res = await fetch(`${window.location.origin}/api/entities/${entityId}/records?sync_status=`);
      return ((await res.json()) as RecordsPage).data;
    },
    as,
    /** An admin changes the account's role (from the command line). */
    changeRole: (email: string, role: Role) => setRole(deps.db, email, role),
    /** An admin leaves the account exactly these entities (`*`: every entity), from the command line. */
    async setGrants(email: string, grants: { entityId: string; role: GrantRole }[]) {
      const { id } = (await findUserByEmail(deps.db, email))!;
      await deps.db.deleteFrom('entity_grant').where('user_id', '=', id).execute();
      for (const g of grants) await grantEntity(deps.db, { userId: id, grantedBy: 'cli', ...g });
    },
    /** The account's deployment role as stored. */
    roleOf: async (email: string) => (await findUserByEmail(deps.db, email))?.role,
    /** An admin disables the account; its sessions end. */
    disableAccount: (email: string) => disableUser(deps.db, email),
    /** Someone signs in as `email` with a wrong password (from another browser). */
    async failSignIn(email: string) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        headers: SAME_ORIGIN,
        payload: { email, password: 'not the password at all' },
      });
      if (res.statusCode !== 401) throw new Error(`expected a refused sign-in, got ${res.statusCode}`);
    },
    /** Starts a bulk push job with someone's session (`as`), as from another browser. */
    startJob: (headers: SessionHeaders, body: CreatePushJob) =>
      app.inject({
        method: 'POST',
        url: `/api/entities/${entityId}/push-jobs`,
        headers,
        payload: body,
      }),
    /** Every session ends server-side (as the idle timeout would), unknown to the page until its next request. */
    expireSessions: () => deps.db.deleteFrom('staff_session').execute(),
    /** The simulator's clock moves past every push's delay: pending records settle at Monite's next read. */
    settlePushes() {
      skew += pushDelayMs;
    },
    /**
     * Keeps the push of `recordId` from reaching Monite until `release()`; `reached` resolves
     * once the BFF has sent it.
     */
    holdPush(recordId: string) {
      let release!: () => void;
      let arrived!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      server.use(
        http.post(`${MONITE_URL}/accounting_synced_records/${recordId}/push`, async () => {
          arrived();
          await released;
          return undefined; // on to the simulator
        }),
      );
      return { reached, release };
    },
    /** Pushes a record with someone's session (`as`), as from another browser. */
    push: (headers: SessionHeaders, recordId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/entities/${entityId}/records/${recordId}/push`,
        headers,
      }),
    /** The BFF's database loses `table` (an outage) until the returned function restores it. */
    async breakTable(table: keyof Database) {
      await sql`alter table ${sql.table(table)} rename to ${sql.table(`${table}_broken`)}`.execute(deps.db);
      return () =>
        sql`alter table ${sql.table(`${table}_broken`)} rename to ${sql.table(table)}`.execute(deps.db);
    },
  };
}
