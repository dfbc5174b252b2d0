import { describe, expect, it } from 'vitest';
import { resolveSession } from '../auth/sessions';
import { disableUser } from '../auth/users';
import { PASSWORD, SAME_ORIGIN, startBff, useSimulatedMonite, type Bff } from '../test/harness';

useSimulatedMonite();

const minutes = (n: number) => Date.now() + n * 60_000;

const signInRequest = (bff: Bff, email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  bff.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { ...SAME_ORIGIN, ...headers },
    payload: { email, password },
  });

describe('sign-in and sessions', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie and reports who is signed in', async () => {
    const bff = await startBff();
    const res = await signInRequest(bff, 'Operator@Example.com');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: {
        email: 'operator@example.com',
        role: 'operator',
        grants: [{ entity_id: '*', role: 'operator' }],
      },
      record_link_template: null,
    });
    const [cookie] = res.cookies;
    expect(cookie).toMatchObject({
      name: 'sync-desk-session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(cookie!.secure).toBeFalsy();

    const me = await bff.app.inject({
      url: '/api/session',
      headers: { cookie: `${cookie!.name}=${cookie!.value}` },
    });
    expect(me.json()).toEqual({
      user: {
        email: 'operator@example.com',
        role: 'operator',
        grants: [{ entity_id: '*', role: 'operator' }],
      },
      record_link_template: null,
    });
    await bff.close();
  });

  it('tells signed-in staff, and only them, the "Open in Monite" link template', async () => {
    const bff = await startBff();
    const template = 'https://app.example.com/{object_type}/{object_id}';
    bff.deps.settings.recordLinkTemplate = template;
    expect((await bff.app.inject('/api/session')).json()).not.toHaveProperty('record_link_template');
    expect((await signInRequest(bff, 'viewer@example.com')).json().record_link_template).toBe(template);
    const me = await bff.app.inject({ url: '/api/session', headers: await bff.signIn('viewer') });
    expect(me.json().record_link_template).toBe(template);
    await bff.close();
  });

  it('uses a Secure __Host- cookie and HSTS when served over HTTPS', async () => {
    const bff = await startBff();
    bff.deps.settings.publicUrl = new URL('https://sync-desk.example.com');
    const res = await signInRequest(bff, 'viewer@example.com', PASSWORD, {
      origin: 'https://sync-desk.example.com',
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies[0]).toMatchObject({ name: '__Host-sync-desk-session', secure: true, httpOnly: true });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    await bff.close();
  });

  it('answers a wrong password, an unknown account and a disabled one without a session', async () => {
    const bff = await startBff();
    const wrong = await signInRequest(bff, 'operator@example.com', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({
      code: 'invalid_credentials',
      message: 'Email or password is wrong.',
    });
    expect((await signInRequest(bff, 'nobody@example.com')).json().error.code).toBe('invalid_credentials');
    expect(wrong.cookies).toHaveLength(0);

    const { cookie } = await bff.signIn('viewer');
    await disableUser(bff.deps.db, 'viewer@example.com');
    expect((await bff.app.inject({ url: '/api/entities', headers: { cookie } })).statusCode).toBe(401);
    const disabled = await signInRequest(bff, 'viewer@example.com');
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().error.code).toBe('account_disabled');
    await bff.close();
  });

  it('locks an account after repeated failures, with a clear message', async () => {
    const bff = await startBff();
    for (let i = 0; i < 5; i++) await signInRequest(bff, 'admin@example.com', `guess ${i}`);
    const locked = await signInRequest(bff, 'admin@example.com');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(
      /Too many failed sign-ins for this account; try again in \d+ s/,
    );
    expect(locked.headers['retry-after']).toMatch(/^\d+$/);
    // Other accounts are not affected.
    expect((await signInRequest(bff, 'operator@example.com')).statusCode).toBe(200);
    await bff.close();
  });

  it('limits sign-in attempts per IP address', async () => {
    const bff = await startBff();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await signInRequest(bff, `user${i}@example.com`, 'x')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    await bff.close();
    // 22 password checks (scrypt) take most of the default 5 s on a busy machine.
  }, 20_000);

  it('rotates the session id at sign-in and ends the old one', async () => {
    const bff = await startBff();
    const first = await bff.signIn('operator');
    const again = await signInRequest(bff, 'operator@example.com', PASSWORD, { cookie: first.cookie });
    const second = `${again.cookies[0]!.name}=${again.cookies[0]!.value}`;
    expect(second).not.toBe(first.cookie);
    expect(
      (await bff.app.inject({ url: '/api/entities', headers: { cookie: first.cookie } })).statusCode,
    ).toBe(401);
    expect((await bff.app.inject({ url: '/api/entities', headers: { cookie: second } })).statusCode).toBe(
      200,
    );
    await bff.close();
  });

  it('ends sessions after the idle timeout and the absolute lifetime', async () => {
    const bff = await startBff();
    const limits = { idleMs: 30 * 60_000, absoluteMs: 60 * 60_000 };
    const sessionId = async () => (await bff.signIn('viewer')).cookie.split('=')[1]!;

    const idle = await sessionId();
    expect(await resolveSession(bff.deps.db, idle, limits, minutes(29))).toMatchObject({ role: 'viewer' });
    // Used at minute 29: alive at 58, gone 31 idle minutes later.
    expect(await resolveSession(bff.deps.db, idle, limits, minutes(58))).toBeDefined();
    expect(await resolveSession(bff.deps.db, idle, limits, minutes(89))).toBeUndefined();

    const busy = await sessionId();
    for (const minute of [20, 40, 59])
      expect(await resolveSession(bff.deps.db, busy, limits, minutes(minute))).toBeDefined();
    // In use every 20 minutes, yet over after its absolute lifetime.
    expect(await resolveSession(bff.deps.db, busy, limits, minutes(61))).toBeUndefined();
    await bff.close();
  });

  it('signs out: the server session ends and /api is closed again', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('operator');
    const out = await bff.app.inject({ method: 'DELETE', url: '/api/session', headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies[0]).toMatchObject({ name: 'sync-desk-session', value: '' });
    expect((await bff.app.inject({ url: '/api/entities', headers })).statusCode).toBe(401);
    await bff.close();
  });
});

describe('access control', () => {
  it('answers 401 on every /api route without a session, but serves sign-in and health', async () => {
    const bff = await startBff();
    const id = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    for (const [method, url] of [
      ['GET', '/api/entities'],
      ['GET', `/api/entities/${bff.entityId}/records`],
      ['GET', `/api/entities/${bff.entityId}/records/${id}`],
      ['POST', `/api/entities/${bff.entityId}/records/${id}/push`],
      ['POST', `/api/entities/${bff.entityId}/refresh`],
      ['GET', '/api/audit'],
      ['GET', '/api/audit.csv'],
    ] as const) {
      const res = await bff.app.inject({ method, url, headers: SAME_ORIGIN });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    expect((await bff.app.inject('/api/session')).json()).toEqual({
      user: null,
      sign_in: { password: true, oidc_name: null },
    });
    expect((await bff.app.inject('/healthz')).statusCode).toBe(200);
    await bff.close();
  });

  it('lets operators and admins push, and refuses viewers with a 403 that says why', async () => {
    const bff = await startBff();
    await bff.deps.refresher.refresh(bff.entityId);
    const failed = bff.sim.store.records(bff.entityId).filter((r) => r.sync_status === 'error');
    const push = async (role: 'viewer' | 'operator' | 'admin', id: string) =>
      bff.app.inject({
        method: 'POST',
        url: `/api/entities/${bff.entityId}/records/${id}/push`,
        headers: await bff.signIn(role),
      });

    const denied = await push('viewer', failed[0]!.id);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toEqual({
      code: 'forbidden',
      message: "Viewers can't push records; ask an admin for the operator role.",
    });
    expect(bff.sim.store.pushCount(failed[0]!.id)).toBe(0);
    // Refused before the record id is checked, so a malformed push reads the same as any other.
    expect((await push('viewer', 'not-a-uuid')).statusCode).toBe(403);
    expect((await push('operator', 'not-a-uuid')).statusCode).toBe(400);
    expect((await push('operator', failed[1]!.id)).statusCode).toBe(200);
    expect((await push('admin', failed[2]!.id)).statusCode).toBe(200);
    await bff.close();
  });

  it('requires the CSRF header and same origin on sign-in and sign-out too', async () => {
    const bff = await startBff();
    const noHeader = await bff.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: 'http://localhost' },
      payload: { email: 'operator@example.com', password: PASSWORD },
    });
    expect(noHeader.statusCode).toBe(403);
    const { cookie } = await bff.signIn('operator');
    const foreign = await bff.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-sync-desk': '1', origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await bff.app.inject({ url: '/api/entities', headers: { cookie } })).statusCode).toBe(200);
    await bff.close();
  });

  it('sends security headers on every response', async () => {
    const bff = await startBff();
    const res = await bff.app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    await bff.close();
  });
});
