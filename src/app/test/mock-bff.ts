/**
 * A small stateful stand-in for the BFF: sessions (sign-in, sign-out, expiry, roles) and the
 * records routes, with filters and faceted counts like the real one, pushes that go pending
 * and settle on the next read of the record, and bulk push jobs that advance step by step.
 */
import { delay, http, HttpResponse } from 'msw';
import { FACET_KEYS, type FacetKey, type Facets, type SyncRecord } from '../../contract/api';
import type { AuditEntry } from '../../contract/audit';
import { MAX_JOB_RECORDS, type CreatePushJob, type ItemState, type PushJob } from '../../contract/push-jobs';
import { can, CSRF_HEADER, type Role, type SignIn, type StaffUser } from '../../contract/session';
import { summariseErrors } from '../../monite/errors-text';
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

type JobOptions = {
  /** `get`: every running job takes a step on each `GET …/push-jobs`; `manual`: on `advance()`. */
  advance?: 'get' | 'manual';
  /** How many queued records each step sends. */
  batch?: number;
  /** The push rate the jobs report while running. */
  rate?: number;
};

type FakeJob = Omit<PushJob, 'counts' | 'total'> & { items: Map<string, ItemState> };

/**
 * The records routes over `records`, behind a session (an operator's unless `session` says), and
 * bulk push jobs over the same records. A job step sends up to `batch` queued records (they go
 * pending) and settles those sent the step before (as `settle()` says, else done); a job with
 * nothing left to send or settle is finished; a cancelling one cancels its queued records.
 */
export function mockBff(
  records: SyncRecord[],
  {
    session = 'operator',
    jobs: { advance = 'get', batch = 2, rate = 28.4 } = {},
    ...sessionOptions
  }: { session?: Role | 'signed-out'; jobs?: JobOptions } & SessionOptions = {},
) {
  const store = new Map(records.map((r) => [r.id, r]));
  const settleAs = new Map<string, Outcome>();
  const jobs: FakeJob[] = [];
  const jobRequests: CreatePushJob[] = [];
  const cancels: string[] = [];
  // Installed last (so its guard runs first); the job routes read who is signed in from it.
  let sessionMock: ReturnType<typeof mockSession> | undefined;
  const currentUser = () => sessionMock?.user ?? null;

  const jobView = ({ items, ...job }: FakeJob): PushJob => {
    const counts = Object.fromEntries(
      (['queued', 'pushing', 'pending', 'done', 'failed', 'skipped', 'cancelled'] as const).map((state) => [
        state,
        [...items.values()].filter((s) => s === state).length,
      ]),
    ) as PushJob['counts'];
    const running = job.state === 'running';
    return {
      ...job,
      total: items.size,
      counts,
      rate_per_second: running ? rate : 0,
      eta_seconds: running && counts.queued > 0 ? counts.queued / rate : null,
    };
  };

  const startJob = (entityId: string, ids: string[], createdBy: string, createdAt = new Date()) => {
    const job: FakeJob = {
      id: crypto.randomUUID(),
      entity_id: entityId,
      created_by: createdBy,
      created_at: createdAt.toISOString(),
      finished_at: null,
      state: 'running',
      rate_per_second: rate,
      eta_seconds: null,
      problems: [],
      items: new Map(),
    };
    for (const id of ids) {
      const pending = store.get(id)?.sync_status === 'pending';
      job.items.set(id, pending ? 'skipped' : 'queued');
      if (pending)
        job.problems.push({ record_id: id, state: 'skipped', reason: 'Already pending at Monite' });
    }
    jobs.unshift(job);
    return job;
  };

  const step = (job: FakeJob) => {
    const finish = (state: 'finished' | 'cancelled') => {
      job.state = state;
      job.finished_at = new Date().toISOString();
    };
    if (job.state === 'cancelling') {
      for (const [id, state] of job.items) if (state === 'queued') job.items.set(id, 'cancelled');
      return finish('cancelled');
    }
    if (job.state !== 'running') return;
    for (const [id, state] of job.items) {
      if (state !== 'pending') continue;
      const outcome = settleAs.get(id) ?? { sync_status: 'done', errors: null };
      settleAs.delete(id);
      store.set(id, { ...store.get(id)!, ...outcome, updated_at: new Date().toISOString() });
      const failed = outcome.sync_status === 'error';
      job.items.set(id, failed ? 'failed' : 'done');
      if (failed) {
        const reason = summariseErrors(outcome.errors) ?? 'The provider gave no reason';
        job.problems.push({ record_id: id, state: 'failed', reason });
      }
    }
    const queued = [...job.items].filter(([, state]) => state === 'queued').slice(0, batch);
    for (const [id] of queued) {
      job.items.set(id, 'pending');
      store.set(id, { ...store.get(id)!, sync_status: 'pending', errors: null });
    }
    if (![...job.items.values()].some((s) => s === 'queued' || s === 'pending')) finish('finished');
  };
  const advanceAll = () => jobs.forEach(step);
  const jobOf = (entityId: string, jobId: string) =>
    jobs.find((j) => j.entity_id === entityId && j.id === jobId);
  const writeGuard = (request: Request) => {
    if (request.headers.get(CSRF_HEADER) !== '1') return apiError(403, 'forbidden', 'Missing CSRF header');
    if (!can(currentUser()?.role, 'push')) {
      return apiError(403, 'forbidden', "Viewers can't push records; ask an admin for the operator role.");
    }
    return undefined;
  };
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
    http.get('*/api/entities/:entityId/push-jobs', ({ params }) => {
      if (advance === 'get') advanceAll();
      return HttpResponse.json({
        data: jobs.filter((j) => j.entity_id === params.entityId).map(jobView),
      });
    }),
    http.get('*/api/entities/:entityId/push-jobs/:jobId', ({ params }) => {
      const job = jobOf(String(params.entityId), String(params.jobId));
      return job ? HttpResponse.json(jobView(job)) : apiError(404, 'not_found', 'No such job');
    }),
    http.post('*/api/entities/:entityId/push-jobs', async ({ params, request }) => {
      const refused = writeGuard(request);
      if (refused) return refused;
      const body = (await request.json()) as CreatePushJob;
      jobRequests.push(body);
      const entityId = String(params.entityId);
      const running = jobs.find((j) => j.entity_id === entityId && j.state === 'running');
      if (running) {
        return apiError(
          409,
          'job_running',
          `A push job is already running for this entity, started by ${running.created_by}.`,
        );
      }
      const ids =
        'ids' in body
          ? body.ids
          : [...store.values()]
              .filter((r) =>
                matches(
                  r,
                  new URLSearchParams(
                    FACET_KEYS.flatMap((key) => {
                      const values = body.filter[key] ?? [];
                      return values.length ? [[key, values.join(',')]] : [];
                    }),
                  ),
                ),
              )
              .map((r) => r.id);
      if (ids.length === 0) return apiError(400, 'bad_request', 'No records match these filters.');
      if (ids.length > MAX_JOB_RECORDS) return apiError(400, 'bad_request', 'Too many records.');
      const job = startJob(entityId, ids, currentUser()!.email);
      return HttpResponse.json(jobView(job), { status: 201 });
    }),
    http.delete('*/api/entities/:entityId/push-jobs/:jobId', ({ params, request }) => {
      const refused = writeGuard(request);
      if (refused) return refused;
      const job = jobOf(String(params.entityId), String(params.jobId));
      if (!job) return apiError(404, 'not_found', 'No such job');
      cancels.push(job.id);
      if (job.state === 'running') job.state = 'cancelling';
      return HttpResponse.json(jobView(job));
    }),
  );

  // After the records routes, so its guard runs first.
  sessionMock = mockSession(session, sessionOptions);

  return {
    session: sessionMock,
    store,
    pushes,
    /** What the provider makes of the next push of `id`. */
    settle(id: string, outcome: Outcome) {
      settleAs.set(id, outcome);
    },
    /** Bulk push jobs: what was asked, and a way to start one as someone else would. */
    jobs: {
      /** Each `POST …/push-jobs` body, in order. */
      requests: jobRequests,
      /** The ids of the jobs each `DELETE …/push-jobs/:jobId` cancelled. */
      cancels,
      /** The jobs as `GET …/push-jobs` would answer now (without taking a step). */
      list: () => jobs.map(jobView),
      /** A job started by someone else (another tab, another person) over `ids`. */
      start(
        entityId: string,
        ids: string[],
        { createdBy = 'ana@example.com', createdAt }: { createdBy?: string; createdAt?: Date } = {},
      ) {
        return jobView(startJob(entityId, ids, createdBy, createdAt));
      },
      /** Every running job takes one step. */
      advance: advanceAll,
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
