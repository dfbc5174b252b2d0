/**
 * What every simulated call goes through, in the order a request meets Monite's layers: logged,
 * delayed (injected latency), failed (injected 5xx or 429, random 5xx), rate-limited at the
 * gateway, version-checked, authenticated; then the route runs, its answer may be lost (an
 * injected 5xx after processing) or late (an injected delay after processing), and the response
 * gets Monite's common headers.
 */
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { MONITE_VERSION } from '../../monite/schemas';
import type { RequestLogEntry, SimContext } from '../context';
import { iso } from '../sim-record';
import { moniteError, type Reply } from './reply';

export type Call = {
  request: Request;
  url: URL;
  params: Record<string, string | readonly string[] | undefined>;
};

/** `partner` routes need a valid Bearer token; only `POST /auth/token` is `public`. */
export type Access = 'public' | 'partner';

export function route(
  ctx: SimContext,
  method: 'get' | 'post',
  path: string,
  access: Access,
  handle: (call: Call) => Reply | Promise<Reply>,
): HttpHandler {
  return http[method](`*/v1${path}`, async ({ request, params }) => {
    const started = performance.now();
    const url = new URL(request.url);
    const entry: RequestLogEntry = {
      at: iso(ctx.now()),
      method: request.method,
      path: url.pathname,
      operation: `${request.method} ${path}`,
      query: new URLSearchParams(url.search),
      headers: Object.fromEntries(request.headers),
      status: 0,
    };
    ctx.requests.push(entry);
    if (ctx.settings.latencyMs > 0) await sleep(ctx.settings.latencyMs);

    let reply: Reply;
    try {
      reply = await layers(ctx, access, { request, url, params }, handle);
    } catch (error) {
      // A simulator bug must be loud, but still answer the way Monite fails.
      console.error('simulator: unhandled error in', request.method, url.pathname, error);
      reply = moniteError(500, 'Internal Server Error');
    }
    entry.status = reply.status;
    const late = ctx.lateAnswers.take(url.pathname);
    if (late !== undefined) await sleep(late);

    const headers = new Headers(reply.headers);
    headers.set('content-type', 'application/json');
    headers.set('x-request-id', randomUUID());
    headers.set('x-process-time', ((performance.now() - started) / 1000).toFixed(4));
    for (const echoed of ['x-monite-version', 'x-monite-entity-id']) {
      const value = request.headers.get(echoed);
      if (value !== null) headers.set(echoed, value);
    }
    return new HttpResponse(JSON.stringify(reply.body), { status: reply.status, headers });
  });
}

async function layers(
  ctx: SimContext,
  access: Access,
  call: Call,
  handle: (call: Call) => Reply | Promise<Reply>,
): Promise<Reply> {
  const path = call.url.pathname;
  const injected = ctx.failures.take(path);
  if (injected?.status === 429) return throttled(injected.retryAfterSeconds ?? 1);
  if (injected?.message !== undefined) return moniteError(injected.status, injected.message);
  if (injected !== undefined) return serverError(injected.status);
  const random = access === 'partner' ? randomFailure(ctx) : undefined;
  if (random?.before) return serverError(random.status);

  const token = bearerOf(call.request);
  const client = (token && ctx.tokens.clientOf(token)) || 'anonymous';
  const quota = ctx.rateLimiter.hit(client, ctx.settings.rateLimitPerSecond, ctx.now());
  if (!quota.ok) return throttled(quota.retryAfterSeconds);
  const refused = versionError(call.request) ?? authError(ctx, access, token);
  if (refused) return { ...refused, headers: { ...quota.headers, ...refused.headers } };
  const reply = await handle(call);
  // Monite acted on the request, but the client never learns what happened.
  const lostWith = ctx.lostAnswers.take(path) ?? (random ? random.status : undefined);
  if (lostWith !== undefined) return serverError(lostWith);
  return { ...reply, headers: { ...quota.headers, ...reply.headers } };
}

/** The gateway's own body, not Monite's error envelope (API.md §7). */
const throttled = (retryAfterSeconds: number): Reply => ({
  status: 429,
  body: { message: 'API rate limit exceeded' },
  headers: { 'Retry-After': String(retryAfterSeconds) },
});

const serverError = (status: number): Reply => moniteError(status, STATUS_CODES[status] ?? 'Server Error');

/** A random failure for this call, if the dice say so: before or after processing. */
function randomFailure(ctx: SimContext): { status: number; before: boolean } | undefined {
  const random = ctx.randomFailures;
  if (!random || random.rng() >= random.rate) return undefined;
  return { status: random.status, before: random.rng() >= random.afterProcessingShare };
}

function versionError(request: Request): Reply | undefined {
  const version = request.headers.get('x-monite-version');
  if (!version) {
    return moniteError(
      400,
      `Missing required header x-monite-version. Send the API version the client is built for, e.g. "x-monite-version: ${MONITE_VERSION}".`,
      { type: 'missing_api_version' },
    );
  }
  if (version !== MONITE_VERSION) {
    // Real Monite serves other versions with other semantics; the simulator only models this one.
    return moniteError(
      400,
      `The simulator implements Monite API version ${MONITE_VERSION} only, got x-monite-version: ${version}.`,
      { type: 'unsupported_api_version' },
    );
  }
  return undefined;
}

function authError(ctx: SimContext, access: Access, token: string | undefined): Reply | undefined {
  if (access === 'public') return undefined;
  if (!token) return unauthorized('Not authenticated: send "Authorization: Bearer <access_token>".');
  const check = ctx.tokens.check(token, ctx.now());
  if (check.state === 'expired') return unauthorized('The access token has expired. Obtain a new one.');
  if (check.state === 'unknown') return unauthorized('Invalid access token.');
  return undefined;
}

const unauthorized = (message: string): Reply => ({
  ...moniteError(401, message),
  headers: { 'WWW-Authenticate': 'Bearer' },
});

function bearerOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}
