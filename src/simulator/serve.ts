/**
 * A simulator on its own HTTP port with throwaway credentials: demo mode starts one inside the BFF,
 * `npm run simulator` starts one as a process of its own that several BFFs can share.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { startSimulatorServer } from './http-server';
import { createSimulator, type Bookkeeper, type Simulator, type SimulatorOptions } from './index';

/**
 * A person trying the demo fixes nothing in Xero or QuickBooks: someone fixes each push that
 * failed for a flaw in the data a few minutes later, so retrying it can then succeed.
 */
export const DEMO_BOOKKEEPER: Bookkeeper = { fixAfterMs: [2 * 60_000, 5 * 60_000] };

export type ServedSimulator = {
  simulator: Simulator;
  /** Where Monite's API is, e.g. `http://127.0.0.1:4010/v1`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
};

export async function serveSimulator(
  options: Omit<SimulatorOptions, 'clientId' | 'clientSecret'>,
  listen: { port?: number; host?: string } = {},
): Promise<ServedSimulator> {
  const credentials = { clientId: randomUUID(), clientSecret: randomBytes(24).toString('base64url') };
  const simulator = createSimulator({ ...options, ...credentials });
  const server = await startSimulatorServer(simulator, listen);
  return { simulator, baseUrl: server.url, ...credentials, close: server.close };
}
