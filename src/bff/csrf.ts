/**
 * CSRF defence for state-changing requests: a static custom header (a cross-site form or
 * simple request cannot set it without a CORS preflight we never grant) and, when the browser
 * sends one, an Origin equal to our own.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError } from './http-errors';

export const CSRF_HEADER = 'x-sync-desk';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkCsrf(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (req.headers[CSRF_HEADER] !== '1') {
    req.log.warn({ url: req.url }, 'CSRF check failed: header missing');
    throw new HttpError(403, 'csrf', `Missing the ${CSRF_HEADER} header that Sync Desk's own pages send.`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && hostOf(origin) !== hostOf(`${req.protocol}://${req.host}`)) {
    req.log.warn({ url: req.url, origin }, 'CSRF check failed: foreign origin');
    throw new HttpError(403, 'csrf', 'This request came from another site.');
  }
}

/** `host[:port]` with the scheme's default port dropped, so `http://a:80` and `a` compare equal. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
