/**
 * Every route that calls Monite, with Monite failing every way it can: the answer follows
 * UPSTREAM_ERRORS (http-errors.ts) and always has the `{"error": {"code", "message"}}` shape.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../contract/api';
import { READ_ATTEMPTS } from '../monite-client';
import { startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

/** Client timeout for these tests; a delayed answer comes well after it. */
const TIMEOUT_MS = 500;
const LATE_MS = 1000;
/** Longer than any wait Sync Desk holds a person (or a push) for. */
const LONG_RETRY_AFTER_S = 90;

type Fault = '404' | '422' | '500' | '503' | 'timeout' | '429 long';

type Route = {
  name: string;
  /** The Monite path the route's failing call goes to (matched by substring). */
  upstream: (bff: Bff, recordId: string) => string;
  /** Requests of that call Monite sees before the route gives up, per fault. */
  tries: (fault: Fault) => number;
  request: (bff: Bff, recordId: string, headers: Record<string, string>) => Promise<LightMyRequestResponse>;
  expected: Record<Fault, [status: number, code: string]>;
  /** A push re-reads the record after a timeout to learn whether it took. */
  reReadsAfterTimeout?: true;
};

/** A read: 5xx and timeouts are retried, a 4xx or a long 429 is not. */
const readTries = (fault: Fault) => (['500', '503', 'timeout'].includes(fault) ? READ_ATTEMPTS : 1);

const common = {
  '422': [422, 'refused_by_monite'],
  '500': [502, 'upstream_unavailable'],
  '503': [502, 'upstream_unavailable'],
  timeout: [504, 'upstream_timeout'],
  '429 long': [429, 'rate_limited'],
} satisfies Partial<Route['expected']>;

const routes: Route[] = [
  {
    name: 'GET /api/entities',
    upstream: () => '/v1/entities',
    tries: readTries,
    request: (bff, _id, headers) => bff.app.inject({ url: '/api/entities', headers }),
    // A 404 for the partner's own entity list names nothing the person asked for: Sync Desk's fault.
    expected: { '404': [502, 'upstream_error'], ...common },
  },
  {
    name: 'POST /api/entities/:entityId/push-jobs (any entity route: the entity check)',
    upstream: () => '/v1/entities',
    tries: readTries,
    request: (bff, id, headers) =>
      bff.app.inject({
        method: 'POST',
        url: `/api/entities/${bff.entityId}/push-jobs`,
        headers,
        payload: { ids: [id] },
      }),
    expected: { '404': [502, 'upstream_error'], ...common },
  },
  {
    name: 'GET /api/entities/:entityId/records/:recordId',
    upstream: (_bff, id) => id,
    tries: readTries,
    request: (bff, id, headers) =>
      bff.app.inject({ url: `/api/entities/${bff.entityId}/records/${id}`, headers }),
    expected: { '404': [404, 'not_found'], ...common },
  },
  {
    name: 'POST /api/entities/:entityId/refresh',
    upstream: () => '/v1/accounting_synced_records',
    tries: readTries,
    request: (bff, _id, headers) =>
      bff.app.inject({ method: 'POST', url: `/api/entities/${bff.entityId}/refresh`, headers }),
    expected: { '404': [404, 'not_found'], ...common },
  },
  {
    name: 'POST /api/entities/:entityId/records/:recordId/push',
    upstream: (_bff, id) => `${id}/push`,
    // push-safely.ts sends a push at most 3 times, and only after 5xx answers.
    tries: (fault) => (['500', '503'].includes(fault) ? 3 : 1),
    reReadsAfterTimeout: true,
    request: (bff, id, headers) =>
      bff.app.inject({ method: 'POST', url: `/api/entities/${bff.entityId}/records/${id}/push`, headers }),
    expected: {
      '404': [404, 'not_found'],
      ...common,
      // The push timed out and the record could not be read to tell whether it took.
      timeout: [504, 'outcome_unknown'],
    },
  },
];

function inject(bff: Bff, fault: Fault, path: string, tries: number): void {
  const { faults } = bff.sim;
  if (fault === '404') faults.refuseNext(tries, 404, 'Accounting synced record was not found.', path);
  if (fault === '422') faults.refuseNext(tries, 422, 'Record is locked by the accounting platform.', path);
  if (fault === '500' || fault === '503') faults.failNext(tries, Number(fault), path);
  if (fault === 'timeout') faults.delayNext(tries, LATE_MS, path);
  if (fault === '429 long') faults.throttleNext(tries, LONG_RETRY_AFTER_S, path);
}

/** The order matters only for the last: a long 429 holds every later request for a while. */
const FAULTS: Fault[] = ['404', '422', '500', '503', 'timeout', '429 long'];

describe('upstream failures, route by route', () => {
  for (const route of routes) {
    it(`${route.name} answers each Monite failure faithfully, in the error envelope`, async () => {
      const bff = await startBff({ pushDelayMs: 60_000 }, { timeoutMs: TIMEOUT_MS });
      // With the mirror filled, a push starts from the mirror's copy rather than a read.
      await bff.deps.refresher.refresh(bff.entityId);
      const headers = await bff.signIn('operator');
      const records = bff.sim.store.records(bff.entityId).filter((r) => r.sync_status === 'error');
      const seen = [];
      for (const [i, fault] of FAULTS.entries()) {
        const id = records[i]!.id;
        const path = route.upstream(bff, id);
        const requests = () => bff.sim.store.requests.filter((r) => r.path.includes(path)).length;
        const before = requests();
        inject(bff, fault, path, route.tries(fault));
        if (fault === 'timeout' && route.reReadsAfterTimeout) {
          // The re-read that would tell whether the push took times out too.
          bff.sim.faults.delayNext(READ_ATTEMPTS, LATE_MS, `records/${id}`);
        }
        const res = await route.request(bff, id, headers);
        const body = errorResponseSchema.strict().safeParse(res.json());
        seen.push({
          fault,
          status: res.statusCode,
          envelope: body.success,
          code: body.data?.error.code,
          message: body.data?.error.message,
          tries: requests() - before,
          retryAfter: res.headers['retry-after'],
        });
      }
      // What the message says: Monite's words where they matter, never a status Sync Desk chose.
      const notFound = expect.stringMatching(/^Monite has no (record|entity) /);
      const refused = expect.stringContaining('Record is locked by the accounting platform');
      const other = expect.not.stringMatching(/answered (502|504)\b/);
      expect(seen).toEqual(
        FAULTS.map((fault) => {
          const [status, code] = route.expected[fault];
          return {
            fault,
            status,
            envelope: true,
            code,
            message: fault === '404' && status === 404 ? notFound : fault === '422' ? refused : other,
            tries: route.tries(fault),
            retryAfter: fault === '429 long' ? String(LONG_RETRY_AFTER_S) : undefined,
          };
        }),
      );
      await bff.close();
    }, 60_000);
  }
});

describe('a record Monite does not know', () => {
  it('answers 404 naming the record, for a read and for a push', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('operator');
    const unknown = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const url = `/api/entities/${bff.entityId}/records/${unknown}`;
    for (const res of [
      await bff.app.inject({ url, headers }),
      await bff.app.inject({ method: 'POST', url: `${url}/push`, headers }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: {
          code: 'not_found',
          message: `Monite has no record ${unknown} for this entity.`,
          details: expect.objectContaining({ monite_request_id: expect.any(String) }),
        },
      });
    }
    expect(bff.sim.store.pushCount(unknown)).toBe(0);
    await bff.close();
  });
});

async function moniteCheck(bff: Bff) {
  const res = await bff.app.inject('/readyz');
  expect(res.statusCode).toBe(503);
  return res.json().checks.monite;
}

describe('GET /readyz', () => {
  it('says what Monite did, never quoting a status Sync Desk chose', async () => {
    const refused = await startBff({ clientSecret: 'a-different-secret' });
    expect(await moniteCheck(refused)).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Monite refused Sync Desk's credentials: Wrong client_id or client_secret/,
      ),
    });
    // The same words where a person meets it.
    const entities = await refused.app.inject({ url: '/api/entities', headers: await refused.signIn() });
    expect(entities.statusCode).toBe(502);
    expect(entities.json().error.message).toMatch(/^Monite refused Sync Desk's credentials/);
    await refused.close();

    const down = await startBff({}, { timeoutMs: TIMEOUT_MS });
    down.sim.faults.failNext(1, 503, '/auth/token');
    expect((await moniteCheck(down)).error).toMatch(/^Monite is having trouble \(it answered 503: /);
    down.sim.faults.delayNext(1, LATE_MS, '/auth/token');
    expect((await moniteCheck(down)).error).toBe(
      `Monite did not answer within ${TIMEOUT_MS / 1000} s; try again in a few minutes.`,
    );
    down.sim.faults.refuseNext(1, 422, 'client_id: Input should be a valid UUID.', '/auth/token');
    expect((await moniteCheck(down)).error).toMatch(
      /^Monite refused Sync Desk's credentials: client_id: Input should be a valid UUID \(Monite request .+\)\. An administrator/,
    );
    down.sim.faults.throttleNext(1, LONG_RETRY_AFTER_S, '/auth/token');
    expect((await moniteCheck(down)).error).toBe(
      `Monite is rate-limiting us, retry in ${LONG_RETRY_AFTER_S} s.`,
    );
    await down.close();
  });
});
