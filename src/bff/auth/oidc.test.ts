/**
 * Sign-in through a real OpenID Provider (oidc-provider, in-process on a loopback port): the BFF's
 * routes are injected, the provider is spoken to over HTTP as a browser would, with a cookie jar.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { createBff, takeResponseProblems, type Bff } from '../test/harness';
import { startDemoProvider, type DemoIdentity, type DemoProvider } from '../../oidc-provider/demo-provider';
import { OidcRelyingParty } from './oidc';
import { disableUser } from './users';

const CLIENT_ID = 'sync-desk-test';
const CLIENT_SECRET = 'oidc-client-secret-never-shown';
const ORIGIN = 'http://localhost';
const ENTITY = '7d3c0e52-1f6b-4a51-9d5e-3c1f2a7b9e10';

const identities: DemoIdentity[] = [
  { sub: 'u-book', email: 'Book@Example.com', name: 'Bo Keeper', groups: ['entity-bookkeepers'] },
  { sub: 'u-new', email: 'new@example.com', name: 'Nu Comer', groups: ['marketing'] },
];
let provider: DemoProvider;

/** Every token the provider's token endpoint handed out, and every code it issued. */
const issued: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  provider = await startDemoProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${ORIGIN}/api/session/oidc/callback`],
    postLogoutRedirectUris: [`${ORIGIN}/sign-in`],
    identities,
  });
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const res = await realFetch(input, init);
    if (String(input instanceof Request ? input.url : input).endsWith('/token')) {
      const body = (await res.clone().json()) as Record<string, unknown>;
      issued.push(...Object.values(body).filter((v): v is string => typeof v === 'string' && v.length > 20));
    }
    return res;
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await provider.close();
});
afterEach(() => {
  vi.useRealTimers();
  const problems = takeResponseProblems();
  if (problems.length > 0) throw new Error(`responses /api/openapi.json does not describe: ${problems}`);
});

async function startBff(): Promise<Bff> {
  const bff = await createBff({}, { roles: ['operator'] });
  bff.deps.settings.publicUrl = new URL(ORIGIN);
  bff.deps.settings.oidc = new OidcRelyingParty(
    loadConfig({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: 'Test SSO',
      OIDC_GROUP_GRANTS: JSON.stringify({
        'sync-desk-admins': { admin: true },
        'entity-bookkeepers': { entities: { [ENTITY]: 'operator' } },
      }),
    }).oidc!,
  );
  return bff;
}

/** Everything the BFF answered in a test: checked for secrets at the end. */
const answered: string[] = [];
const record = (res: LightMyRequestResponse) => {
  answered.push(res.body, JSON.stringify(res.headers));
  return res;
};

const cookieHeader = (res: LightMyRequestResponse) =>
  res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

/** The browser's side of the provider: follows its redirects, keeps its cookies. */
class ProviderBrowser {
  private jar = new Map<string, string>();

  async get(url: string, form?: Record<string, string>): Promise<Response> {
    const res = await realFetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form && new URLSearchParams(form).toString(),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value) this.jar.set(name, value);
      else this.jar.delete(name);
    }
    return res;
  }

  /** From the provider's authorization URL to the callback URL it sends back, picking `sub` on its page. */
  async signIn(authorizeUrl: string, sub: string | null): Promise<URL> {
    let url = authorizeUrl;
    let form: Record<string, string> | undefined;
    for (let hop = 0; hop < 10; hop++) {
      const res = await this.get(url, form);
      form = undefined;
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url).toString();
        if (url.startsWith(ORIGIN)) return new URL(url);
      } else if (res.ok && (await res.text()).includes('Demo identity provider')) {
        form = sub ? { sub } : {};
      } else {
        throw new Error(`provider answered ${res.status}: ${await res.text()}`);
      }
    }
    throw new Error('too many redirects');
  }
}

type Attempt = { callback: URL; flowCookie: string; next: string };

/** Starts a sign-in at the BFF and goes through the provider as `sub`; the callback is not yet called. */
async function throughProvider(
  bff: Bff,
  sub: string | null,
  browser = new ProviderBrowser(),
): Promise<Attempt> {
  const next = '/entities/abc/records?status=error';
  const start = record(await bff.app.inject(`/api/session/oidc/start?next=${encodeURIComponent(next)}`));
  expect(start.statusCode).toBe(302);
  const location = start.headers.location as string;
  expect(location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
  const authorize = new URL(location).searchParams;
  expect(authorize.get('code_challenge_method')).toBe('S256');
  expect(authorize.get('state')).toBeTruthy();
  expect(authorize.get('nonce')).toBeTruthy();
  return { callback: await browser.signIn(location, sub), flowCookie: cookieHeader(start), next };
}

async function callback(bff: Bff, attempt: Attempt, url = attempt.callback) {
  return record(
    await bff.app.inject({ url: url.pathname + url.search, headers: { cookie: attempt.flowCookie } }),
  );
}

async function signIn(bff: Bff, sub: string) {
  const res = await callback(bff, await throughProvider(bff, sub));
  expect(res.headers.location).not.toContain('error=');
  return res;
}

const me = async (bff: Bff, res: LightMyRequestResponse) =>
  record(await bff.app.inject({ url: '/api/session', headers: { cookie: cookieHeader(res) } })).json();

const userCount = async (bff: Bff) =>
  (await bff.deps.db.selectFrom('staff_user').select('id').execute()).length;

const identity = (sub: string) => identities.find((i) => i.sub === sub)!;

describe('sign-in through the identity provider', () => {
  it('creates the account from the ID token, applies its groups, and starts a session as a password sign-in would', async () => {
    const bff = await startBff();
    const signedOut = record(await bff.app.inject('/api/session')).json();
    expect(signedOut.sign_in).toEqual({ password: true, oidc_name: 'Test SSO' });

    const attempt = await throughProvider(bff, 'u-book');
    const res = await callback(bff, attempt);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/sign-in?${new URLSearchParams({ next: attempt.next })}`);
    const session = res.cookies.find((c) => c.name === 'sync-desk-session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // The flow's cookie is gone: a callback is good once.
    expect(res.cookies.find((c) => c.name === 'sync-desk-oidc')?.value).toBe('');
    expect((await me(bff, res)).user).toEqual({
      email: 'book@example.com',
      role: 'operator',
      grants: [{ entity_id: ENTITY, role: 'operator' }],
    });

    const account = await bff.deps.db
      .selectFrom('staff_user')
      .selectAll()
      .where('email', '=', 'book@example.com')
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      password_hash: null,
      oidc_issuer: provider.issuer,
      oidc_subject: 'u-book',
    });
    await bff.close();
  });

  it("keeps the flow's secrets in a short-lived HttpOnly cookie that survives the provider's redirect back", async () => {
    const bff = await startBff();
    const start = await bff.app.inject('/api/session/oidc/start');
    expect(start.cookies[0]).toMatchObject({
      name: 'sync-desk-oidc',
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 600,
    });
    bff.deps.settings.publicUrl = new URL('https://sync-desk.example.com');
    const https = await bff.app.inject('/api/session/oidc/start');
    expect(https.cookies[0]).toMatchObject({ name: '__Host-sync-desk-oidc', secure: true, path: '/' });
    await bff.close();
  });

  it('refuses a callback whose state is not the one this browser started, creating nothing', async () => {
    const bff = await startBff();
    const attempt = await throughProvider(bff, 'u-book');
    const forged = new URL(attempt.callback);
    forged.searchParams.set('state', 'somebody-elses-state');
    const res = await callback(bff, attempt, forged);
    expect(res.headers.location).toBe(
      `/sign-in?${new URLSearchParams({ error: 'oidc_state', next: attempt.next })}`,
    );
    expect(res.cookies.some((c) => c.name === 'sync-desk-session')).toBe(false);
    // No cookie at all (a callback this browser never started): the same.
    const stray = record(await bff.app.inject(attempt.callback.pathname + attempt.callback.search));
    expect(stray.headers.location).toBe('/sign-in?error=oidc_state');
    expect(await userCount(bff)).toBe(1); // the operator the harness made
    await bff.close();
  });

  it('refuses an ID token whose nonce is not the one sent, creating nothing', async () => {
    const bff = await startBff();
    const attempt = await throughProvider(bff, 'u-book');
    const [name, value] = attempt.flowCookie.split('=') as [string, string];
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString()) as Record<string, string>;
    const tampered = Buffer.from(JSON.stringify({ ...flow, nonce: 'another-nonce' })).toString('base64url');
    const res = await callback(bff, { ...attempt, flowCookie: `${name}=${tampered}` });
    expect(res.headers.location).toMatch(/^\/sign-in\?error=oidc_rejected/);
    expect(res.cookies.some((c) => c.name === 'sync-desk-session')).toBe(false);
    expect(await userCount(bff)).toBe(1);
    await bff.close();
  });

  it('refuses an expired code and a code used twice', async () => {
    const bff = await startBff();
    const late = await throughProvider(bff, 'u-book');
    // The provider's codes live 60 s; the callback comes two minutes later.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 120_000);
    const expired = await callback(bff, late);
    vi.useRealTimers();
    expect(expired.headers.location).toMatch(/^\/sign-in\?error=oidc_rejected/);
    expect(await userCount(bff)).toBe(1);

    const attempt = await throughProvider(bff, 'u-book');
    expect((await callback(bff, attempt)).headers.location).not.toContain('error=');
    const replay = await callback(bff, attempt);
    expect(replay.headers.location).toMatch(/^\/sign-in\?error=oidc_rejected/);
    expect(replay.cookies.some((c) => c.name === 'sync-desk-session')).toBe(false);
    await bff.close();
  });

  it('signs in someone whose groups grant nothing, with a session and no role beyond viewer', async () => {
    const bff = await startBff();
    const res = await signIn(bff, 'u-new');
    expect(res.headers.location).toBe(
      `/sign-in?${new URLSearchParams({ next: '/entities/abc/records?status=error' })}`,
    );
    expect((await me(bff, res)).user).toEqual({ email: 'new@example.com', role: 'viewer', grants: [] });
    await bff.close();
  });

  it('applies a change of groups at the next sign-in', async () => {
    const bff = await startBff();
    const user = async () => (await me(bff, await signIn(bff, 'u-book'))).user;
    expect(await user()).toMatchObject({
      role: 'operator',
      grants: [{ entity_id: ENTITY, role: 'operator' }],
    });
    identity('u-book').groups = ['sync-desk-admins'];
    try {
      expect(await user()).toMatchObject({ role: 'admin', grants: [] });
      identity('u-book').groups = [];
      // Out of every group: signed in, granted nothing (the SPA says "no access yet").
      expect(await user()).toMatchObject({ role: 'viewer', grants: [] });
    } finally {
      identity('u-book').groups = ['entity-bookkeepers'];
    }
    await bff.close();
  });

  it("signs out at Sync Desk and answers the provider's sign-out page, which carries no token", async () => {
    const bff = await startBff();
    const res = await signIn(bff, 'u-book');
    const out = record(
      await bff.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie: cookieHeader(res), 'x-sync-desk': '1', origin: ORIGIN },
      }),
    );
    expect(out.statusCode).toBe(200);
    const end = new URL(out.json().end_session_url);
    expect(end.origin + end.pathname).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(end.searchParams)).toEqual({
      client_id: CLIENT_ID,
      post_logout_redirect_uri: `${ORIGIN}/sign-in`,
    });
    expect((await me(bff, res)).user).toBeNull();
    // The provider accepts it: its confirmation page, not an error.
    expect((await realFetch(end)).status).toBe(200);
    await bff.close();
  });

  it('refuses a disabled account, as password sign-in does', async () => {
    const bff = await startBff();
    await signIn(bff, 'u-book');
    await disableUser(bff.deps.db, 'book@example.com');
    const res = await callback(bff, await throughProvider(bff, 'u-book'));
    expect(res.headers.location).toMatch(/^\/sign-in\?error=account_disabled/);
    expect(res.cookies.some((c) => c.name === 'sync-desk-session')).toBe(false);
    await bff.close();
  });

  it('sends a cancelled sign-in back to the sign-in page with the reason', async () => {
    const bff = await startBff();
    const res = await callback(bff, await throughProvider(bff, null));
    expect(res.headers.location).toMatch(/^\/sign-in\?error=oidc_denied/);
    await bff.close();
  });

  it('lets only the provider sign in when passwords are switched off', async () => {
    const bff = await startBff();
    bff.deps.settings.passwordSignIn = false;
    bff.deps.settings.demoAccounts = [{ email: 'operator@example.com', password: 'x', role: 'operator' }];
    const signedOut = record(await bff.app.inject('/api/session')).json();
    expect(signedOut).toEqual({ user: null, sign_in: { password: false, oidc_name: 'Test SSO' } });
    const password = record(
      await bff.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-sync-desk': '1', origin: ORIGIN },
        payload: { email: 'operator@example.com', password: 'correct horse battery staple' },
      }),
    );
    expect(password.statusCode).toBe(403);
    expect(password.json().error.code).toBe('password_sign_in_off');
    await signIn(bff, 'u-book');
    await bff.close();
  });
});

it('never lets the client secret, a code or a token reach a response or a log line', async () => {
  const bff = await startBff();
  const codes: string[] = [];
  for (const sub of ['u-book', 'u-new']) {
    const attempt = await throughProvider(bff, sub);
    codes.push(attempt.callback.searchParams.get('code')!);
    await callback(bff, attempt);
    await callback(bff, attempt); // a replay: logged as a failure
  }
  // An unexpected failure (500) is logged with the URL, its code hidden.
  const broken = await throughProvider(bff, 'u-book');
  codes.push(broken.callback.searchParams.get('code')!);
  vi.spyOn(bff.deps.settings.oidc!, 'finish').mockRejectedValueOnce(new Error('database gone'));
  expect((await callback(bff, broken)).statusCode).toBe(500);
  expect(bff.logs()).toContain('/api/session/oidc/callback?code=%5Bredacted%5D');

  const secrets = [CLIENT_SECRET, ...codes, ...issued];
  expect(codes.every(Boolean)).toBe(true);
  expect(issued.length).toBeGreaterThan(2); // ID and access tokens
  expect(bff.logs()).toContain('sign-in through the identity provider failed');
  const leaked = (text: string) => secrets.filter((s) => text.includes(s));
  expect(leaked(bff.logs()), 'secrets in the log').toEqual([]);
  expect(answered.flatMap(leaked), 'secrets in a response').toEqual([]);
  await bff.close();
});
