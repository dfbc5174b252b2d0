/**
 * A small stateful stand-in for the BFF's records routes: filters and faceted counts like the
 * real one, and pushes that go pending and settle on the next read of the record.
 */
import { delay, http, HttpResponse } from 'msw';
import { FACET_KEYS, type FacetKey, type Facets, type SyncRecord } from '../../contract/api';
import { makePage } from './fixtures';
import { server } from './server';

type Outcome = Pick<SyncRecord, 'sync_status' | 'errors'>;

/** Whether a record passes the query's filters, leaving out one facet's (for its counts). */
const matches = (record: SyncRecord, params: URLSearchParams, except?: FacetKey) =>
  FACET_KEYS.every((key) => {
    const wanted = params.get(key)?.split(',').filter(Boolean) ?? [];
    return key === except || wanted.length === 0 || wanted.includes(String(record[key]));
  });

export function mockBff(records: SyncRecord[]) {
  const store = new Map(records.map((r) => [r.id, r]));
  const settleAs = new Map<string, Outcome>();
  const pushes: string[] = [];
  /** Hold a push's response until the test releases it. */
  const holds = new Map<string, Promise<void>>();

  server.use(
    http.get('*/api/entities/:entityId/records', ({ request }) => {
      const params = new URL(request.url).searchParams;
      const all = [...store.values()];
      const data = all.filter((r) => matches(r, params));
      const facets = Object.fromEntries(
        FACET_KEYS.map((key) => [
          key,
          all
            .filter((r) => matches(r, params, key))
            .reduce<Record<string, number>>((counts, r) => {
              const value = String(r[key]);
              counts[value] = (counts[value] ?? 0) + 1;
              return counts;
            }, {}),
        ]),
      ) as Facets;
      return HttpResponse.json(makePage(data, { facets }));
    }),
    http.get('*/api/entities/:entityId/records/:recordId', ({ params }) => {
      const id = String(params.recordId);
      const record = store.get(id);
      if (!record)
        return HttpResponse.json(
          { error: { code: 'not_found', message: 'No such record' } },
          { status: 404 },
        );
      const outcome = settleAs.get(id);
      if (record.sync_status === 'pending' && outcome) {
        store.set(id, { ...record, ...outcome, updated_at: new Date().toISOString() });
        settleAs.delete(id);
      }
      return HttpResponse.json(store.get(id));
    }),
    http.post('*/api/entities/:entityId/records/:recordId/push', async ({ params, request }) => {
      const id = String(params.recordId);
      pushes.push(id);
      if (request.headers.get('X-Sync-Desk') !== '1') {
        return HttpResponse.json(
          { error: { code: 'forbidden', message: 'Missing CSRF header' } },
          { status: 403 },
        );
      }
      await holds.get(id);
      await delay(20);
      const record = { ...store.get(id)!, sync_status: 'pending', errors: null };
      store.set(id, record);
      return HttpResponse.json(record);
    }),
  );

  return {
    store,
    pushes,
    /** What the provider makes of the next push of `id`. */
    settle(id: string, outcome: Outcome) {
      settleAs.set(id, outcome);
    },
    /** Keep `id`'s push in flight until the returned function is called. */
    hold(id: string) {
      let release!: () => void;
      holds.set(id, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
  };
}
