import { expect, it } from 'vitest';
import { loggedUrl } from './logged-url';

it("hides the provider callback's code and state, and tokens, from log lines; keeps the rest", () => {
  expect(loggedUrl('/api/session/oidc/callback?code=abc123&state=xyz&iss=http%3A%2F%2Fidp')).toBe(
    '/api/session/oidc/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&iss=http%3A%2F%2Fidp',
  );
  expect(loggedUrl('/x?Access_Token=t0ken&id_token=a&id_token=b')).not.toMatch(/t0ken|=a|=b/);
  expect(loggedUrl('/api/entities/e1/records?sync_status=error&q=acme')).toBe(
    '/api/entities/e1/records?sync_status=error&q=acme',
  );
  expect(loggedUrl('/api/audit')).toBe('/api/audit');
});
