/**
 * A demo OpenID Provider: `oidc-provider` (a certified implementation) on a loopback port, with a
 * fixed list of people and an accounts page to pick one (no passwords: it is a demo). Demo mode,
 * the Vitest suites and Playwright sign in through it exactly as through a company's provider.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider, type Configuration } from 'oidc-provider';

/** Someone the demo provider can sign in; `groups` is mutable, as a directory's would be. */
export type DemoIdentity = { sub: string; email: string; name: string; groups: string[] };

export type DemoProviderOptions = {
  clientId: string;
  clientSecret: string;
  /** Where Sync Desk may ask to be sent back to after sign-in and after sign-out. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  identities: DemoIdentity[];
  /** Default 0: any free port. */
  port?: number;
};

export type DemoProvider = { issuer: string; identities: DemoIdentity[]; close(): Promise<void> };

export async function startDemoProvider(options: DemoProviderOptions): Promise<DemoProvider> {
  const { identities } = options;
  let provider: Provider | undefined;
  const server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    const handled = req.url?.startsWith('/interaction/')
      ? interaction(provider, identities, req, res)
      : Promise.resolve(provider.callback()(req, res));
    handled.catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('This sign-in has expired or is not valid. Start again from Sync Desk.');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, configuration(options));
  return {
    issuer,
    identities,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function configuration(options: DemoProviderOptions): Configuration {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, sub) {
      const identity = options.identities.find((i) => i.sub === sub);
      if (!identity) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: identity.email,
          email_verified: true,
          name: identity.name,
          groups: [...identity.groups],
        }),
      };
    },
    // Groups with the openid scope, in the ID token, as Keycloak's group mapper or Entra's groups claim put them.
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, pending) => `/interaction/${pending.uid}` },
    // Its own plain pages: the library's defaults load a web font from the internet.
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Sign out',
            `<p>Sign out of the demo identity provider as well?</p>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<p>You are signed out of the demo identity provider.</p>');
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p>${escape(String(out.error_description ?? out.error))}</p>`);
    },
    pkce: { required: () => true },
    // Seconds. Codes live a minute (the provider's default, which the tests of an expired code rely on).
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 3600,
      Session: 3600,
      AccessToken: 600,
      IdToken: 600,
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...key, kid: 'demo', use: 'sig', alg: 'RS256' } as never] },
  };
}

/** The accounts page (GET), and picking an account or cancelling (POST). */
async function interaction(
  provider: Provider,
  identities: DemoIdentity[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method !== 'POST') {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(accountsPage(details.uid, identities));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const identity = identities.find((i) => i.sub === form.get('sub'));
  if (!identity) {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'Sign-in cancelled' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  // Consent is implied: everything Sync Desk asked for is granted.
  const grant = new provider.Grant({ accountId: identity.sub, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: identity.sub }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) throw new Error('form too large');
  }
  return text;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function accountsPage(uid: string, identities: DemoIdentity[]): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const rows = identities
    .map(
      (
        i,
      ) => `<li><form method="post" action="${action}"><input type="hidden" name="sub" value="${escape(i.sub)}">
<button type="submit">Sign in as ${escape(i.name)}</button> <span>${escape(i.email)} · groups: ${
        i.groups.length > 0 ? escape(i.groups.join(', ')) : 'none'
      }</span></form></li>`,
    )
    .join('\n');
  return page(
    'Demo identity provider',
    `<p>This stands in for your company's sign-in (Okta, Entra ID, Keycloak…). Pick who to be; there are no passwords.</p>
<ul>${rows}</ul>
<form method="post" action="${action}"><button type="submit">Cancel</button></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}li{margin:.75rem 0}</style>
</head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}
