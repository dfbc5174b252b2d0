/**
 * Serves the simulator's MSW handlers over real HTTP (demo mode, `npm run simulator`, Playwright), on
 * loopback by default, with its test controls (controls.ts) beside them.
 */
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '@mswjs/http-middleware';
import { controlHandlers } from './controls';
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
