/**
 * A request URL as log lines may show it: the identity provider's callback carries an
 * authorization code (and state) in its query, and a URL may carry a token someone pasted; their
 * values are replaced. Requests are not logged one by one (server.ts), but errors name the URL.
 */
const SECRET_PARAMS = new Set([
  'code',
  'state',
  'id_token',
  'access_token',
  'refresh_token',
  'token',
  'client_secret',
]);

export function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  let redacted = false;
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAMS.has(name.toLowerCase())) {
      params.set(name, '[redacted]');
      redacted = true;
    }
  }
  return redacted ? `${url.slice(0, query)}?${params}` : url;
}
