/**
 * Sync Desk as an OpenID Connect relying party (openid-client): the authorization code flow with
 * PKCE, state and nonce, and RP-initiated sign-out. The flow's secrets travel in a short-lived
 * HttpOnly cookie (oidc-routes); tokens from the provider stay in this process.
 */
import * as client from 'openid-client';
import { z } from 'zod';
import type { OidcError } from '../../contract/session';
import type { OidcConfig } from '../config';
import { groupsFromClaim } from './group-grants';

/** Hosts a plain-HTTP identity provider may be on: this machine (the demo's and the tests'). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** What the browser carries from the start of a sign-in to its callback. */
export const oidcFlowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  /** The SPA page to land on afterwards (checked to be one of ours). */
  next: z.string(),
});
export type OidcFlow = z.infer<typeof oidcFlowSchema>;

/** Who the provider says signed in. */
export type OidcIdentity = { issuer: string; subject: string; email: string | null; groups: string[] };

/** A sign-in through the provider that failed, with the reason the sign-in page shows. */
export class OidcSignInError extends Error {
  constructor(
    readonly code: OidcError,
    message: string,
    /** The account concerned, when known (the audit's actor). */
    readonly account?: string,
  ) {
    super(message);
  }
}

export class OidcRelyingParty {
  #configuration: Promise<client.Configuration> | undefined;

  constructor(readonly config: OidcConfig) {}

  /** The provider's metadata, fetched once (again after a failure, so an outage is not remembered). */
  private configuration(): Promise<client.Configuration> {
    this.#configuration ??= client
      .discovery(
        this.config.issuer,
        this.config.clientId,
        undefined,
        client.ClientSecretPost(this.config.clientSecret),
        {
          // Plain HTTP only to a provider on this machine (the demo's and the tests').
          execute: LOOPBACK_HOSTS.includes(this.config.issuer.hostname) ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        this.#configuration = undefined;
        throw new OidcSignInError('oidc_unavailable', `provider discovery failed: ${describe(error)}`);
      });
    return this.#configuration;
  }

  /** Where to send the browser to sign in, and the secrets its callback must match. */
  async start(redirectUri: string, next: string): Promise<{ url: URL; flow: OidcFlow }> {
    const configuration = await this.configuration();
    const flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url, flow };
  }

  /**
   * Checks the callback against the flow (state), exchanges the code (PKCE), validates the ID
   * token (signature, issuer, audience, expiry, nonce) and answers who signed in.
   */
  async finish(callbackUrl: URL, flow: OidcFlow): Promise<OidcIdentity> {
    const refusal = callbackUrl.searchParams.get('error');
    if (refusal) throw new OidcSignInError('oidc_denied', `provider answered ${refusal}`);
    if (callbackUrl.searchParams.get('state') !== flow.state) {
      throw new OidcSignInError('oidc_state', 'state does not match the sign-in started in this browser');
    }
    const configuration = await this.configuration();
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      const unreachable = error instanceof TypeError; // fetch failed: nothing was answered
      throw new OidcSignInError(unreachable ? 'oidc_unavailable' : 'oidc_rejected', describe(error));
    }
    if (!claims) throw new OidcSignInError('oidc_rejected', 'no ID token');
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      groups: groupsFromClaim(claims[this.config.groupsClaim]),
    };
  }

  /**
   * The provider's sign-out page (RP-initiated sign-out), or null if it has none. It names this
   * client rather than carrying `id_token_hint`, so no token from the provider reaches the browser.
   */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<string | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(configuration, {
        client_id: this.config.clientId,
        post_logout_redirect_uri: postLogoutRedirectUri,
      })
      .toString();
  }
}

/**
 * An error's name, code and message for a log line: openid-client's messages name what failed a
 * check, never the token or code (its `cause`, which may hold the provider's answer, is left out).
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}
