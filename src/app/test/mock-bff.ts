/**
 * A small stateful stand-in for the BFF: sessions (sign-in, sign-out, expiry, roles) and the
 * records routes, with filters and faceted counts like the real one, and pushes that go pending
 * and settle on the next read of the record.
 */
import { delay, http, HttpResponse } from 'msw';
import { FACET_KEYS, type FacetKey, type Facets, type SyncRecord } from '../../contract/api';
import type { AuditEntry } from '../../contract/audit';
import { CSRF_HEADER, type Role, type SignIn, type StaffUser } from '../../contract/session';
import { DEMO_ACCOUNTS, makePage, staffUser } from './fixtures';
import { server } from './server';

const apiError = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  HttpResponse.json({ error: { code, message } }, { status, headers });

type SessionOptions = {
  /** Demo mode: the signed-out session lists these accounts (which are also the ones that work). */
  demo?: boolean;
};

/**
 * The BFF's session routes and its guard on every other `/api` route: 401 `unauthenticated`
 * without a session. Starts signed in as `who` (or signed out); `expire()` ends the session
 * server-side, as the idle timeout would, without the SPA knowing until its next request.
 */
export function mockSession(who: Role | 'signed-out' = 'operator', { demo = false }: SessionOptions = {}) {
  let user: StaffUser | null = who === 'signed-out' ? null : staffUser(who);
  let retryAfter: number | undefined;
  const signIns: SignIn[] = [];
  let signOuts = 0;
  const disabled = new Set<string>();

  server.use(
    http.all('*/api/*', ({ request }) => {
      if (new URL(request.url).pathname === '/api/session' || user) return undefined;
      return apiError(401, 'unauthenticated', 'Sign in to continue.');
    }),
    http.get('*/api/session', () =>
      HttpResponse.json(user ? { user } : { user: null, ...(demo && { demo_accounts: DEMO_ACCOUNTS }) }),
    ),
    http.post('*/api/session', async ({ request }) => {
      if (request.headers.get(CSRF_HEADER) !== '1') return apiError(403, 'forbidden', 'Missing CSRF header');
      const body = (await request.json()) as SignIn;
      signIns.push(body);
      await delay(20);
      if (retryAfter !== undefined) {
        return apiError(429, 'rate_limited', `Too many sign-in attempts; try again in ${retryAfter} s`, {
          'Retry-After': String(retryAfter),
        });
      }
      const account = DEMO_ACCOUNTS.find((a) => a.email === body.email && a.password === body.password);
      if (!account) return apiError(401, 'invalid_credentials', 'Email or password is wrong.');
      if (disabled.has(account.email)) {
        return apiError(403, 'account_disabled', 'This account is disabled; ask an admin to enable it.');
      }
      user = { email: account.email, role: account.role };
      return HttpResponse.json({ user });
    }),
    http.delete('*/api/session', ({ request }) => {
      if (request.headers.get(CSRF_HEADER) !== '1') return apiError(403, 'forbidden', 'Missing CSRF header');
      signOuts += 1;
      user = null;
      return new HttpResponse(null, { status: 204 });
    }),
  );

  return {
    get user() {
      return user;
    },
    get signOuts() {
      return signOuts;
    },
    signIns,
    /** The session ends on the server (idle or absolute timeout). */
    expire() {
      user = null;
    },
    /** Answer sign-ins with 429 and this Retry-After. */
    rateLimit(seconds: number) {
      retryAfter = seconds;
    },
    disable(email: string) {
      disabled.add(email);
    },
  };
}

type Outcome = Pick<SyncRecord, 'sync_status' | 'errors'>;

/** Whether a record passes the query's filters, leaving out one facet's (for its counts). */
const matches = (record: SyncRecord, params: URLSearchParams, except?: FacetKey) =>
  FACET_KEYS.every((key) => {
    const wanted = params.get(key)?.split(',').filter(Boolean) ?? [];
    return key === except || wanted.length === 0 || wanted.includes(String(record[key]));
  });

/** The records routes over `records`, behind a session (an operator's unless `session` says). */
export function mockBff(
  records: SyncRecord[],
  { session = 'operator', ...sessionOptions }: { session?: Role | 'signed-out' } & SessionOptions = {},
) {
  const store = new Map(records.map((r) => [r.id, r]));
  const settleAs = new Map<string, Outcome>();
  const pushes: string[] = [];
  /** Hold a push's response until the test releases it. */
  const holds = new Map<string, Promise<void>>();

  server.use(
    http.get('*/api/entities/:entityId/records', ({ request }) => {
      const params = new URL(request.url).searchParams;
      const all = [...store.values()];
      const data = all.filter((r) => matches(r, params));
      const facets = Object.fromEntries(
        FACET_KEYS.map((key) => [
          key,
          all
            .filter((r) => matches(r, params, key))
            .reduce<Record<string, number>>((counts, r) => {
              const value = String(r[key]);
              counts[value] = (counts[value] ?? 0) + 1;
              return counts;
            }, {}),
        ]),
      ) as Facets;
      return HttpResponse.json(makePage(data, { facets }));
    }),
    http.get('*/api/entities/:entityId/records/:recordId', ({ params }) => {
      const id = String(params.recordId);
      const record = store.get(id);
      if (!record)
        return HttpResponse.json(
          { error: { code: 'not_found', message: 'No such record' } },
          { status: 404 },
        );
      const outcome = settleAs.get(id);
      if (record.sync_status === 'pending' && outcome) {
        store.set(id, { ...record, ...outcome, updated_at: new Date().toISOString() });
        settleAs.delete(id);
      }
      return HttpResponse.json(store.get(id));
    }),
    http.post('*/api/entities/:entityId/records/:recordId/push', async ({ params, request }) => {
      const id = String(params.recordId);
      pushes.push(id);
      if (request.headers.get(CSRF_HEADER) !== '1') return apiError(403, 'forbidden', 'Missing CSRF header');
      await holds.get(id);
      await delay(20);
      const record = { ...store.get(id)!, sync_status: 'pending', errors: null };
      store.set(id, record);
      return HttpResponse.json(record);
    }),
  );

  // After the records routes, so its guard runs first.
  const sessionMock = mockSession(session, sessionOptions);

  return {
    session: sessionMock,
    store,
    pushes,
    /** What the provider makes of the next push of `id`. */
    settle(id: string, outcome: Outcome) {
      settleAs.set(id, outcome);
    },
    /** Keep `id`'s push in flight until the returned function is called. */
    hold(id: string) {
      let release!: () => void;
      holds.set(id, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
  };
}

/**
 * `GET /api/audit` over `entries` (newest first, as given): filters like the BFF's, keyset-style
 * pages of `pageSize`; `requests` holds each request's query for assertions.
 */
export function mockAudit(entries: AuditEntry[], { pageSize = 50 } = {}) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get('*/api/audit', ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      const matching = entries.filter(
        (e) =>
          (!params.get('user') || e.actor === params.get('user')) &&
          (!params.get('record') || e.record_id === params.get('record')) &&
          (!params.get('outcome') || e.outcome === params.get('outcome')) &&
          (!params.get('action') || e.action === params.get('action')),
      );
      const start = Number(params.get('cursor') ?? 0);
      const end = start + pageSize;
      return HttpResponse.json({
        data: matching.slice(start, end),
        next_cursor: end < matching.length ? String(end) : null,
      });
    }),
  );
  return { requests };
}
