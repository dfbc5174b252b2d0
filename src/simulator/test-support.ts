/**
 * Shared by the simulator's tests: a simulator behind msw's `setupServer`, a stepping clock, and
 * a tiny client that speaks plain `fetch` the way the BFF does.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { MONITE_VERSION } from '../monite/schemas';
import { createSimulator, type Simulator, type SimulatorOptions } from './index';
import { PROVIDER_MESSAGES, type DocumentFlaw } from './provider-messages';

export const CLIENT_ID = '3f6c1b7e-8d2a-4c5b-9e1f-0a2b3c4d5e6f';
export const CLIENT_SECRET = 'simulator-secret';
export const BASE = 'https://api.sandbox.monite.com/v1';
export const START = Date.parse('2025-06-01T12:00:00.000Z');

/** A clock the test moves by hand, so pushes settle and rate windows roll exactly when told. */
export function steppingClock(start = START) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** One msw server per test file; each test swaps in its own simulator's handlers. */
export function mswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  return {
    use(options: Partial<SimulatorOptions> = {}): Simulator {
      const sim = createSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
      server.resetHandlers(...sim.handlers);
      return sim;
    },
  };
}

type Query = Record<string, string | number | (string | number)[] | undefined>;

export function urlOf(path: string, query: Query = {}, base = BASE): URL {
  const url = new URL(`${base}${path}`);
  for (const [key, value] of Object.entries(query)) {
    for (const v of [value].flat()) if (v !== undefined) url.searchParams.append(key, String(v));
  }
  return url;
}

/** The client-credentials grant with the test credentials, as a partner's backend asks for it. */
export function requestToken(base = BASE): Promise<Response> {
  return fetch(`${base}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-monite-version': MONITE_VERSION },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    }),
  });
}

export async function obtainToken(base = BASE): Promise<string> {
  const res = await requestToken(base);
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A signed-in caller scoped to one entity; `headers` overrides or removes (undefined) defaults. */
export async function clientFor(entityId: string | undefined, base = BASE) {
  const token = await obtainToken(base);
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    opts: { query?: Query; headers?: Record<string, string | undefined> } = {},
  ) => {
    const headers: Record<string, string | undefined> = {
      authorization: `Bearer ${token}`,
      'x-monite-version': MONITE_VERSION,
      'x-monite-entity-id': entityId,
      ...opts.headers,
    };
    const res = await fetch(urlOf(path, opts.query, base), {
      method,
      headers: Object.fromEntries(
        Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
      ),
    });
    // oxlint-disable-next-line typescript/no-explicit-any -- response bodies are checked field by field
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  return {
    token,
    get: (path: string, opts?: Parameters<typeof call>[2]) => call('GET', path, opts),
    post: (path: string, opts?: Parameters<typeof call>[2]) => call('POST', path, opts),
  };
}

/** Every record of one object type, following `next_pagination_token` to the end. */
export async function listAll(
  client: Awaited<ReturnType<typeof clientFor>>,
  query: Query,
  limit = 100,
): Promise<{ id: string; created_at: string; updated_at: string }[]> {
  const out = [];
  let token: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof client.get>> = await client.get('/accounting_synced_records', {
      query: token ? { pagination_token: token, limit } : { ...query, limit },
    });
    if (res.status !== 200) throw new Error(`list: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body.data);
    token = res.body.next_pagination_token;
  } while (token);
  return out;
}

const FLAWS = new Map(PROVIDER_MESSAGES.flatMap((m) => (m.flaw ? [[m.text, m.flaw] as const] : [])));

/** The document flaw a failed record's provider error names, if any (Codat and Railz both list `validation.errors`). */
export function flawOf(errors: Record<string, unknown>): DocumentFlaw | undefined {
  const validation = errors.validation as { errors?: { message?: unknown }[] } | undefined;
  for (const e of validation?.errors ?? []) {
    const flaw = typeof e.message === 'string' ? FLAWS.get(e.message) : undefined;
    if (flaw) return flaw;
  }
  return undefined;
}
