/**
 * Sign-in through the identity provider. `start` sends the browser to the provider (code flow
 * with PKCE, state and nonce); `callback` checks its answer, finds or creates the account,
 * applies its groups and starts the same session a password sign-in does. Either way the browser
 * lands on the SPA's sign-in page, which goes on to `next` or says what went wrong.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OIDC_CALLBACK_PATH, OIDC_START_PATH, type OidcError } from '../../contract/session';
import { appendAudit } from '../audit';
import {
  accountForIdentity,
  createSession,
  endSession,
  OidcSignInError,
  sessionIdOf,
  setFlowCookie,
  setSessionCookie,
  takeFlowCookie,
} from '../auth';
import type { Deps } from '../deps';
import { HttpError } from '../http-errors';
import { withErrors } from './responses';

const SIGN_IN_PAGE = '/sign-in';
const redirect = z.undefined().describe('A redirect (Location)');
const limits = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** Sync Desk's own origin, as staff reach it: PUBLIC_URL, else the host the request came to. */
export const ownOrigin = (req: FastifyRequest, deps: Deps) =>
  deps.settings.publicUrl?.origin ?? `${req.protocol}://${req.host}`;

/** The SPA's sign-in page, with where to go next and, if it failed, why. */
function signInPage(next: string, error?: OidcError): string {
  const query = new URLSearchParams();
  if (error) query.set('error', error);
  if (next && next !== '/') query.set('next', next);
  return query.size > 0 ? `${SIGN_IN_PAGE}?${query}` : SIGN_IN_PAGE;
}

export function oidcRoutes(app: FastifyInstance, deps: Deps): void {
  const { db, settings } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const provider = () => {
    if (!settings.oidc) throw new HttpError(404, 'not_found', 'No identity provider is configured here.');
    return settings.oidc;
  };

  api.get(
    OIDC_START_PATH,
    {
      schema: {
        querystring: z.object({ next: z.string().max(2000).default('/') }),
        response: withErrors({ 302: redirect }),
      },
      config: limits,
    },
    async (req, reply) => {
      const oidc = provider();
      try {
        const { url, flow } = await oidc.start(ownOrigin(req, deps) + OIDC_CALLBACK_PATH, req.query.next);
        setFlowCookie(reply, deps, flow);
        return reply.redirect(url.toString());
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        req.log.warn({ reason: error.message }, 'sign-in through the identity provider could not start');
        return reply.redirect(signInPage(req.query.next, error.code));
      }
    },
  );

  api.get(
    OIDC_CALLBACK_PATH,
    {
      // The provider's answer (code, state, iss; or error) is read from the URL by openid-client.
      schema: { querystring: z.record(z.string(), z.unknown()), response: withErrors({ 302: redirect }) },
      config: limits,
    },
    async (req, reply) => {
      const oidc = provider();
      const flow = takeFlowCookie(req, reply, deps);
      const next = flow?.next ?? '/';
      try {
        if (!flow) throw new OidcSignInError('oidc_state', 'no sign-in was started in this browser');
        const query = req.url.slice(req.url.indexOf('?'));
        const identity = await oidc.finish(new URL(ownOrigin(req, deps) + OIDC_CALLBACK_PATH + query), flow);
        const account = await accountForIdentity(db, identity, oidc.config.groupGrants);
        const previous = sessionIdOf(req, deps);
        if (previous) await endSession(db, previous);
        setSessionCookie(reply, deps, await createSession(db, account.id, identity.issuer));
        await appendAudit(db, {
          actor: account.email,
          action: 'sign_in',
          data: { outcome: 'ok', ip: req.ip, via: 'oidc', groups: identity.groups, role: account.role },
        });
        return reply.redirect(signInPage(next));
      } catch (error) {
        return failed(req, reply, error, next);
      }
    },
  );

  async function failed(req: FastifyRequest, reply: FastifyReply, error: unknown, next: string) {
    if (!(error instanceof OidcSignInError)) throw error;
    // The reason, never the URL: it holds the authorization code.
    req.log.warn({ code: error.code, reason: error.message }, 'sign-in through the identity provider failed');
    await appendAudit(db, {
      actor: error.account ?? 'identity provider',
      action: 'sign_in_failed',
      data: { outcome: 'failed', reason: error.message },
    });
    return reply.redirect(signInPage(next, error.code));
  }
}
