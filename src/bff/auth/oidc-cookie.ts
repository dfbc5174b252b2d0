/**
 * The cookie that carries a sign-in through the identity provider from its start to its callback
 * (state, nonce, PKCE verifier). HttpOnly, Secure and `__Host-` over HTTPS like the session
 * cookie, but SameSite=Lax: the provider's redirect back is a cross-site navigation, which a
 * Strict cookie would not come with. It lives ten minutes and is read once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isHttps, type AuthDeps } from './guard';
import { oidcFlowSchema, type OidcFlow } from './oidc';

const MAX_AGE_S = 600;

const flowCookieName = (https: boolean) => (https ? '__Host-sync-desk-oidc' : 'sync-desk-oidc');

const options = (https: boolean) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: https,
  path: '/',
});

export function setFlowCookie(reply: FastifyReply, deps: AuthDeps, flow: OidcFlow): void {
  const https = isHttps(reply.request, deps);
  const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
  reply.setCookie(flowCookieName(https), value, { ...options(https), maxAge: MAX_AGE_S });
}

/** The flow this browser started, or undefined; the cookie is cleared either way (one use). */
export function takeFlowCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AuthDeps,
): OidcFlow | undefined {
  const https = isHttps(req, deps);
  const value = req.cookies[flowCookieName(https)];
  reply.clearCookie(flowCookieName(https), options(https));
  if (!value) return undefined;
  try {
    const parsed = oidcFlowSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
