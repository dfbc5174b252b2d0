import { describe, expect, it } from 'vitest';
import { startSimulatorServer } from './http-server';
import { createSimulator } from './index';
import { CLIENT_ID, CLIENT_SECRET, clientFor, listAll } from './test-support';

describe('startSimulatorServer', () => {
  it('serves the same API over real HTTP on a loopback port', async () => {
    const sim = createSimulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      entities: [{ name: 'Over The Wire Ltd', records: 120 }],
      pushDelayMs: 0,
    });
    const server = await startSimulatorServer(sim);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const entityId = sim.entities[0]?.id ?? '';
      const client = await clientFor(entityId, server.url);

      const entities = await client.get('/entities');
      expect(entities.body.data.map((e: { id: string }) => e.id)).toEqual([entityId]);

      const bills = sim.store.records(entityId, 'bill');
      const listed = await listAll(client, { object_type: 'bill' }, 10);
      expect(listed.map((r) => r.id)).toEqual(bills.map((r) => r.id));

      const pushed = await client.post(`/accounting_synced_records/${bills[0]?.id}/push`);
      expect(pushed.status).toBe(200);
      expect(pushed.body.sync_status).toBe('pending');
      expect(pushed.headers.get('x-request-id')).toBeTruthy();
      expect(sim.store.pushCount(bills[0]?.id ?? '')).toBe(1);

      const unauthorized = await client.get('/entities', { headers: { authorization: undefined } });
      expect(unauthorized.status).toBe(401);

      // The end-to-end tests' bookkeeper: fixing a record's document changes it now.
      const control = server.url.replace(/\/v1$/, '/__simulator');
      const asked = new Date().toISOString();
      const fixed = await fetch(`${control}/records/${bills[1]?.id}/fix`, { method: 'POST' });
      expect(fixed.status).toBe(200);
      const record = sim.store.record(entityId, bills[1]?.id ?? '');
      expect(await fixed.json()).toEqual(record);
      expect(record?.object_updated_at).not.toBe(bills[1]?.object_updated_at);
      expect(record!.object_updated_at >= asked).toBe(true);
      expect((await fetch(`${control}/records/nope/fix`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
