/** The msw server the SPA's tests run on: each test starts the real BFF on it (bff.ts); anything else fails the test. */
import { setupServer } from 'msw/node';

export const server = setupServer();

/** Every request the SPA sent to the BFF, to assert what it asked for. */
export function recordRequests() {
  const requests: Request[] = [];
  const api = `${window.location.origin}/api/`;
  server.events.on('request:start', ({ request }) => {
    if (request.url.startsWith(api)) requests.push(request.clone());
  });
  return requests;
}
