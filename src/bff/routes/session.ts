/**
 * Sign-in, sign-out and "who am I". Sign-in is limited per IP (@fastify/rate-limit) and per
 * account (failed attempts), rotates the session id, and is audited like every sign-out.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  sessionResponseSchema,
  signInSchema,
  signOutResponseSchema,
  type SessionResponse,
  type StaffUser,
} from '../../contract/session';
import { appendAudit } from '../audit';
import {
  accessFor,
  clearSessionCookie,
  createSession,
  DUMMY_HASH,
  endSession,
  FailedAttempts,
  findUserByEmail,
  sessionIdOf,
  setSessionCookie,
  verifyPassword,
} from '../auth';
import type { Deps } from '../deps';
import { HttpError, invalidInput } from '../http-errors';
import { ownOrigin } from './oidc';
import { withErrors } from './responses';

const whoSchema = { response: withErrors({ 200: sessionResponseSchema }) };
const signInRoute = {
  schema: { body: signInSchema, response: withErrors({ 200: sessionResponseSchema }) },
  schemaErrorFormatter: invalidInput('sign-in'),
  config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
};
const signOutSchema = {
  response: withErrors({
    200: signOutResponseSchema.describe(
      "Signed out here; the browser goes on to the identity provider's sign-out",
    ),
    204: z.undefined().describe('Signed out'),
  }),
};

export function sessionRoutes(app: FastifyInstance, deps: Deps): void {
  const { db, settings } = deps;
  const failures = new FailedAttempts(db);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = ({ email, role, grants }: StaffUser): SessionResponse => ({
    user: { email, role, grants },
    record_link_template: settings.recordLinkTemplate,
  });

  api.get('/api/session', { schema: whoSchema }, async (req): Promise<SessionResponse> => {
    if (req.user) return signedIn(req.user);
    const password = settings.passwordSignIn;
    return {
      user: null,
      sign_in: { password, oidc_name: settings.oidc?.config.name ?? null },
      ...(password && settings.demoAccounts.length > 0 && { demo_accounts: settings.demoAccounts }),
    };
  });

  api.post('/api/session', signInRoute, async (req, reply): Promise<SessionResponse> => {
    if (!settings.passwordSignIn) {
      throw new HttpError(403, 'password_sign_in_off', 'Signing in with a password is switched off here.');
    }
    const { email, password } = req.body;
    const account = email.toLowerCase();
    const wait = await failures.lockedFor(account);
    if (wait > 0) {
      await appendAudit(db, {
        actor: account,
        action: 'sign_in_failed',
        data: { outcome: 'failed', reason: 'account locked after repeated failures' },
      });
      throw new HttpError(
        429,
        'rate_limited',
        `Too many failed sign-ins for this account; try again in ${wait} s.`,
        undefined,
        { 'retry-after': String(wait) },
      );
    }
    const user = await findUserByEmail(db, account);
    // Verify against a dummy hash for unknown accounts, so the answer takes as long either way.
    const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !valid) {
      await failures.fail(account);
      await appendAudit(db, {
        actor: account,
        action: 'sign_in_failed',
        data: { outcome: 'failed', reason: 'wrong email or password' },
      });
      throw new HttpError(401, 'invalid_credentials', 'Email or password is wrong.');
    }
    if (user.disabled_at) {
      await appendAudit(db, {
        actor: account,
        action: 'sign_in_failed',
        data: { outcome: 'failed', reason: 'account disabled' },
      });
      throw new HttpError(403, 'account_disabled', 'This account is disabled; ask an admin.');
    }
    await failures.clear(account);
    // A new id at every sign-in: a session id planted before sign-in is worth nothing after.
    const previous = sessionIdOf(req, deps);
    if (previous) await endSession(db, previous);
    setSessionCookie(reply, deps, await createSession(db, user.id));
    await appendAudit(db, { actor: user.email, action: 'sign_in', data: { outcome: 'ok', ip: req.ip } });
    return signedIn({ ...user, grants: await accessFor(db, user) });
  });

  api.delete('/api/session', { schema: signOutSchema }, async (req, reply) => {
    const id = sessionIdOf(req, deps);
    const ended = id ? await endSession(db, id) : undefined;
    clearSessionCookie(reply, deps);
    if (req.user)
      await appendAudit(db, { actor: req.user.email, action: 'sign_out', data: { outcome: 'ok' } });
    // Signed in through the provider: its session ends too, or the next "Sign in with" would
    // sign the same person straight back in.
    const oidc = settings.oidc;
    if (ended?.oidcIssuer && oidc) {
      const url = await oidc.endSessionUrl(`${ownOrigin(req, deps)}/sign-in`).catch((error: unknown) => {
        req.log.warn({ err: error }, "the identity provider's sign-out page is unknown");
        return null;
      });
      if (url) return reply.code(200).send({ end_session_url: url });
    }
    return reply.code(204).send();
  });
}
