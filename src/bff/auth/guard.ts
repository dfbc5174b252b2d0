/**
 * Who is asking: reads the session cookie on every /api request, answers 401 on those routes
 * without a live session, 404 on a route naming an entity the user has no grant for (exactly as
 * for an entity Sync Desk does not serve), and 403 when their role there may not do what is asked.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie'; // types for req.cookies and reply.setCookie
import { can, OIDC_CALLBACK_PATH, OIDC_START_PATH, roleOn, type Permission } from '../../contract/session';
import type { Db } from '../db/database';
import { HttpError, notServed } from '../http-errors';
import { loggedUrl } from '../logged-url';
import { OPENAPI_PATH } from '../openapi';
import { resolveSession, type SessionLimits, type SessionUser } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** What the guard needs of the app's dependencies (deps.ts provides them). */
export type AuthDeps = { db: Db; settings: { publicUrl: URL | null; session: SessionLimits } };

/**
 * Routes anyone may call: sign-in itself (with a password or through the identity provider),
 * and the interface's description. (/healthz and /readyz are outside /api.)
 */
const PUBLIC_API = new Set(['/api/session', OIDC_START_PATH, OIDC_CALLBACK_PATH, OPENAPI_PATH]);

/** Served over HTTPS (directly, via a trusted proxy, or as PUBLIC_URL says)? */
export function isHttps(req: FastifyRequest, deps: AuthDeps): boolean {
  return req.protocol === 'https' || deps.settings.publicUrl?.protocol === 'https:';
}

/** `__Host-` cookies must be Secure, so the prefix is used exactly when the cookie can be. */
export const sessionCookieName = (https: boolean) =>
  https ? '__Host-sync-desk-session' : 'sync-desk-session';

export function setSessionCookie(reply: FastifyReply, deps: AuthDeps, value: string): void {
  const https = isHttps(reply.request, deps);
  reply.setCookie(sessionCookieName(https), value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: https,
    path: '/',
    maxAge: deps.settings.session.absoluteMs / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: AuthDeps): void {
  const https = isHttps(reply.request, deps);
  reply.clearCookie(sessionCookieName(https), {
    path: '/',
    secure: https,
    httpOnly: true,
    sameSite: 'strict',
  });
}

export function sessionIdOf(req: FastifyRequest, deps: AuthDeps): string | undefined {
  return req.cookies[sessionCookieName(isHttps(req, deps))];
}

export function registerAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    // Pages and assets are the same for everyone: a cold load's ~25 of them skip the session read.
    if (!path.startsWith('/api/')) return;
    const id = sessionIdOf(req, deps);
    req.user = id ? ((await resolveSession(deps.db, id, deps.settings.session)) ?? null) : null;
    if (!PUBLIC_API.has(path) && !req.user) {
      throw new HttpError(
        401,
        'unauthenticated',
        'Sign in to continue; your session has ended or you are signed out.',
      );
    }
    // Every route with an entity in its path is checked here, so no route can forget to.
    const entityId = entityOf(req);
    if (entityId !== undefined && req.user && roleOn(req.user, entityId) === undefined) {
      throw notServed(entityId);
    }
  });
}

const DENIED: Record<Permission, string> = {
  readRecords: 'Your role cannot read records.',
  push: "Viewers can't push records; ask an admin for the operator role.",
  markHandled: "Viewers can't mark records handled; ask an admin for the operator role.",
  readOwnAudit: 'Your role cannot read the audit log.',
  readEveryonesAudit: "Only admins can read everyone's audit entries.",
  manageStaff: 'Only admins can manage staff accounts.',
};

/** The entity a route's path names (`:entityId`), if any. */
const entityOf = (req: FastifyRequest): string | undefined =>
  (req.params as Record<string, string | undefined> | undefined)?.entityId;

/** The signed-in user (the guard has answered 401 to any other request for an /api route). */
export function signedInUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new HttpError(401, 'unauthenticated', 'Sign in to continue.');
  return req.user;
}

/**
 * A route's onRequest hook: 403, with the reason, for a user whose role lacks `permission` (on the
 * path's entity, where it names one). It runs before the route checks its input, so whether a
 * viewer's push is well-formed never shows.
 */
export const requires = (permission: Permission) => async (req: FastifyRequest) => {
  const user = signedInUser(req);
  const entityId = entityOf(req);
  const role = entityId === undefined ? user.role : roleOn(user, entityId);
  if (!can(role, permission)) {
    req.log.warn({ user: user.email, role, permission, url: loggedUrl(req.url) }, 'forbidden');
    throw new HttpError(403, 'forbidden', DENIED[permission]);
  }
};
