import { expect, type Page } from '@playwright/test';
import type { PushJob } from '../src/contract/push-jobs';
import { BFF_URL } from './ports';

const write = { 'x-sync-desk': '1', origin: BFF_URL };

/**
 * Pushes `count` failed records of the last entity as one bulk job, through the BFF's API as the
 * records page does, and waits until every push has been sent: the audit log then holds them all.
 */
export async function runBulkJob(page: Page, count: number): Promise<PushJob> {
  const entities = await (await page.request.get('/api/entities')).json();
  // The last entity: '/' opens the first, and a recent job there would change what other specs see
  // and measure (its job panel, in the records page's cold load).
  const entityId: string = entities.data.at(-1).id;
  let ids: string[] = [];
  // The mirror fills in the background after start-up.
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          `/api/entities/${entityId}/records?sync_status=error&limit=${count}`,
        );
        ids = (await res.json()).data.map((record: { id: string }) => record.id);
        return ids.length;
      },
      { timeout: 15_000 },
    )
    .toBe(count);
  const created = await page.request.post(`/api/entities/${entityId}/push-jobs`, {
    headers: write,
    data: { ids },
  });
  expect(created.status()).toBeLessThan(300);
  const job: PushJob = await created.json();
  let current = job;
  await expect
    .poll(
      async () => {
        current = await (await page.request.get(`/api/entities/${entityId}/push-jobs/${job.id}`)).json();
        return current.state;
      },
      { timeout: 30_000 },
    )
    .toBe('finished');
  return current;
}
