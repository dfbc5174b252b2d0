/**
 * CSRF defence for state-changing requests: a static custom header (a cross-site form or simple
 * request cannot set it without a CORS preflight we never grant) and an Origin equal to the
 * BFF's own (PUBLIC_URL when set, else the Host the request came to). Rejections are logged.
 */
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../contract/session';
import { HttpError } from './http-errors';
import { loggedUrl } from './logged-url';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkCsrf(req: FastifyRequest, publicUrl: URL | null): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (req.headers[CSRF_HEADER] !== '1') {
    req.log.warn({ url: loggedUrl(req.url), method: req.method }, 'CSRF check failed: header missing');
    throw new HttpError(403, 'csrf', `Missing the ${CSRF_HEADER} header that Sync Desk's own pages send.`);
  }
  const own = publicUrl?.origin ?? originOf(`${req.protocol}://${req.host}`);
  const origin = req.headers.origin;
  // Both must be real origins: an unreadable Origin (`null`) must not equal an unreadable Host.
  if (!origin || own === undefined || originOf(origin) !== own) {
    req.log.warn({ url: loggedUrl(req.url), method: req.method, origin }, 'CSRF check failed: origin');
    throw new HttpError(
      403,
      'csrf',
      origin ? 'This request came from another site.' : 'This request has no Origin header.',
    );
  }
}

/**
 * `scheme://host[:port]` with the default port dropped, so `http://a:80` equals `http://a`;
 * undefined for anything that is not an http(s) origin (`null`, `file://`, a malformed host).
 */
function originOf(url: string): string | undefined {
  try {
    const { origin, protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : undefined;
  } catch {
    return undefined;
  }
}
