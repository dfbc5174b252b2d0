/**
 * Test controls outside Monite's API, served only by the simulator's own HTTP server (never by the
 * BFF): read the tokens issued (the end-to-end tests prove none reaches the browser), fix a record
 * as a bookkeeper would, force a push's outcome, inject faults, count requests per operation, and
 * list them (what a benchmark measures rates and duplicate pushes from).
 */
import { http, HttpResponse } from 'msw';
import { z } from 'zod';
import type { Simulator } from './index';

const count = z.number().int().positive();
const path = z.string().min(1).optional();

/** One body per `SimulatorFaults` method; an outage is `randomFailures` with rate 1. */
const faultSchema = z.discriminatedUnion('fault', [
  z.object({ fault: z.literal('failNext'), count, status: z.number().int().optional(), path }),
  z.object({ fault: z.literal('failAfterProcessing'), count, status: z.number().int().optional(), path }),
  z.object({ fault: z.literal('refuseNext'), count, status: z.number().int(), message: z.string(), path }),
  z.object({
    fault: z.literal('throttleNext'),
    count,
    retryAfterSeconds: z.number().int().min(0).optional(),
    path,
  }),
  z.object({ fault: z.literal('delayNext'), count, ms: z.number().min(0), path }),
  z.object({
    fault: z.literal('randomFailures'),
    rate: z.number().min(0).max(1),
    status: z.number().int().optional(),
    afterProcessingShare: z.number().min(0).max(1).optional(),
  }),
  z.object({ fault: z.literal('rateLimit'), perSecond: z.number().min(0) }),
  z.object({ fault: z.literal('latency'), ms: z.number().min(0) }),
  z.object({ fault: z.literal('tokenTtl'), seconds: z.number().int().positive() }),
  z.object({ fault: z.literal('expireTokens') }),
]);

export type FaultRequest = z.infer<typeof faultSchema>;

const outcomeSchema = z.object({
  outcome: z.enum(['done', 'error']),
  errors: z.record(z.string(), z.unknown()).optional(),
});

function apply(faults: Simulator['faults'], f: FaultRequest): void {
  switch (f.fault) {
    case 'failNext':
      return faults.failNext(f.count, f.status, f.path);
    case 'failAfterProcessing':
      return faults.failAfterProcessing(f.count, f.status, f.path);
    case 'refuseNext':
      return faults.refuseNext(f.count, f.status, f.message, f.path);
    case 'throttleNext':
      return faults.throttleNext(f.count, f.retryAfterSeconds, f.path);
    case 'delayNext':
      return faults.delayNext(f.count, f.ms, f.path);
    case 'randomFailures':
      return faults.setRandomFailureRate(f.rate, {
        status: f.status,
        afterProcessingShare: f.afterProcessingShare,
      });
    case 'rateLimit':
      return faults.setRateLimit(f.perSecond);
    case 'latency':
      return faults.setLatency(f.ms);
    case 'tokenTtl':
      return faults.setTokenTtl(f.seconds);
    case 'expireTokens':
      return faults.expireTokens();
  }
}

const error = (status: number, code: string, message: string) =>
  HttpResponse.json({ error: { code, message } }, { status });

const noRecord = () => error(404, 'not_found', 'No such record');

/** The body as `schema` reads it, or the 400 answer saying why not. */
async function parseBody<T>(request: Request, schema: z.ZodType<T>): Promise<T | Response> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (parsed.success) return parsed.data;
  return error(
    400,
    'invalid_request',
    parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  );
}

/** Requests so far, per route and per status: what a benchmark charges against the rate limit. */
function requestCounts(requests: Simulator['store']['requests']) {
  const byOperation: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const r of requests) {
    byOperation[r.operation] = (byOperation[r.operation] ?? 0) + 1;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  }
  return { total: requests.length, byOperation, byStatus };
}

export function controlHandlers(sim: Simulator) {
  const entityOf = (id: string) => sim.entities.find((e) => sim.store.record(e.id, id));
  return [
    http.get('*/__simulator/tokens', () => HttpResponse.json({ tokens: sim.store.issuedTokens() })),
    http.post('*/__simulator/records/:id/fix', ({ params }) => {
      const id = String(params.id);
      const entity = entityOf(id);
      return entity ? HttpResponse.json(sim.store.fix(entity.id, id)) : noRecord();
    }),
    http.post('*/__simulator/records/:id/outcome', async ({ params, request }) => {
      const id = String(params.id);
      if (!entityOf(id)) return noRecord();
      const body = await parseBody(request, outcomeSchema);
      if (body instanceof Response) return body;
      sim.faults.forcePushOutcome(id, body.outcome, body.errors);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/__simulator/faults', async ({ request }) => {
      const body = await parseBody(request, faultSchema);
      if (body instanceof Response) return body;
      try {
        apply(sim.faults, body);
      } catch (problem) {
        // The simulator's own checks (a 4xx where a 5xx is due, and so on).
        return error(400, 'invalid_request', problem instanceof Error ? problem.message : String(problem));
      }
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/__simulator/requests', () => HttpResponse.json(requestCounts(sim.store.requests))),
    // Without their headers: those carry the access token.
    http.get('*/__simulator/requests/log', () =>
      HttpResponse.json({
        requests: sim.store.requests.map((r) => ({
          at: r.at,
          method: r.method,
          path: r.path,
          operation: r.operation,
          status: r.status,
        })),
      }),
    ),
    http.delete('*/__simulator/requests', () => {
      sim.store.clearRequests();
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
