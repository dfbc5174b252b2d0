/**
 * Two servers on one PostgreSQL asked for a job on one entity at once (two people behind a load
 * balancer): one job runs, the other request hears of it. SQLite has one writer, so PostgreSQL alone.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../db/database';
import { TEST_ENGINE, testDatabaseUrl } from '../../test/database';
import { activeJobs, insertJob } from './store';

describe.runIf(TEST_ENGINE === 'postgres')('push jobs asked of two servers at once', () => {
  it('start one job an entity', async () => {
    const url = await testDatabaseUrl();
    const servers = [await openDatabase(url), await openDatabase(url)];
    onTestFinished(() => Promise.all(servers.map((db) => db.destroy())).then(() => {}));
    const recordIds = Array.from({ length: 200 }, () => randomUUID());
    for (let round = 0; round < 5; round++) {
      const entityId = `entity-${round}`;
      const answers = await Promise.all(
        servers.map((db, i) =>
          insertJob(db, { id: randomUUID(), entityId, createdBy: `person${i}@example.com`, recordIds }),
        ),
      );
      expect(answers.filter((running) => running === undefined)).toHaveLength(1);
    }
    expect(await activeJobs(servers[0]!)).toHaveLength(5);
  });
});
