import { SIGN_IN_PATH } from '../../lib/paths';

/**
 * Where to go after signing in: `next` only when it is a path on this site, never another origin
 * (`https://evil.example`, `//evil.example`, `/\evil.example`, `javascript:`), else home.
 */
export function safeNext(next: string | null | undefined, origin = window.location.origin): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  // The URL parser drops tabs and newlines, so `/\t/evil.example` resolves elsewhere: check.
  if (url.origin !== origin || url.pathname === SIGN_IN_PATH) return '/';
  return url.pathname + url.search + url.hash;
}
