/**
 * Serves the simulator's MSW handlers over real HTTP (demo mode, Playwright), on loopback by default.
 */
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '@mswjs/http-middleware';
import { http, HttpResponse } from 'msw';
import type { Simulator } from './index';

export async function startSimulatorServer(
  sim: Simulator,
  opts: { port?: number; host?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  // An express app; its types (@types/express) are not installed, and a request listener is all we need.
  const app = createServer(...sim.handlers, ...controlHandlers(sim)) as unknown as RequestListener;
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

/**
 * Test support outside Monite's API, on this loopback server only: the end-to-end tests read the
 * tokens the simulator issued to prove that none of them reaches the browser, and fix a record's
 * document as a bookkeeper would (`store.fix`).
 */
function controlHandlers(sim: Simulator) {
  return [
    http.get('*/__simulator/tokens', () => HttpResponse.json({ tokens: sim.store.issuedTokens() })),
    http.post('*/__simulator/records/:id/fix', ({ params }) => {
      const id = String(params.id);
      const entity = sim.entities.find((e) => sim.store.record(e.id, id));
      if (!entity)
        return HttpResponse.json(
          { error: { code: 'not_found', message: 'No such record' } },
          { status: 404 },
        );
      return HttpResponse.json(sim.store.fix(entity.id, id));
    }),
  ];
}
