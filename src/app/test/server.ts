/** The mocked BFF: each test installs the handlers it needs; anything else fails the test. */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ENTITY, OTHER_ENTITY, staffUser } from './fixtures';

export const server = setupServer(
  // Signed in as an operator unless a test says otherwise (`mockSession` in mock-bff.ts).
  http.get('*/api/session', () => HttpResponse.json({ user: staffUser('operator') })),
  http.get('*/api/entities', () => HttpResponse.json({ data: [ENTITY, OTHER_ENTITY] })),
  // No bulk push job unless a test starts one (`mockBff(…).jobs`).
  http.get('*/api/entities/:entityId/push-jobs', () => HttpResponse.json({ data: [] })),
);

/** Every request the mocked BFF saw, to assert what the SPA asked for. */
export function recordRequests() {
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request.clone());
  });
  return requests;
}
