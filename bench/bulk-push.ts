/**
 * Bulk push benchmark (prints figures; not a test). 1,000 failed records on a simulator limited to
 * 30 requests/s like Monite, with random 5xx on 2% of requests (half of them after Monite acted),
 * served over loopback HTTP. Prints pushes/s (push requests the simulator received while the job
 * was sending) against the limit, 429s seen, duplicate pushes and time to finish. Outcomes follow
 * each failure's cause (src/simulator/push-outcome.ts): most seeded failures are *fix first* and
 * fail again, so "done" counts the *retry may help* ones that went through.
 * Run: npm run bench:bulk   (MONITE_RATE_LIMIT=25 to see the BFF's default budget)
 */
import { classifyErrors } from '../src/contract/error-groups';
import { benchSetup, BFF_LIMIT, MONITE_LIMIT } from './setup';

const RECORDS = 1000;

// About 10% of seeded records are failed: 12,000 give at least 1,000.
const { sim, deps, entityId, close } = await benchSetup(12_000, { pushDelayMs: 2000 });
await deps.refresher.refresh(entityId);
const failed = sim.store
  .records(entityId)
  .filter((r) => r.sync_status === 'error')
  .slice(0, RECORDS);
const ids = failed.map((r) => r.id);
const retryable = failed.filter((r) => classifyErrors(r.errors)?.class === 'retry').map((r) => r.id);
if (ids.length < RECORDS) throw new Error(`only ${ids.length} failed records seeded`);
sim.faults.setRandomFailureRate(0.02, { status: 503, afterProcessingShare: 0.5 });
sim.store.clearRequests();

const started = performance.now();
const startedWall = Date.now();
const job = await deps.jobs.create(
  entityId,
  { id: 'bench', email: 'bench@example.com', role: 'operator' },
  { ids },
);
let sentAt = 0;
for (;;) {
  const now = await deps.jobs.get(entityId, job.id);
  if (!sentAt && now.counts.queued + now.counts.pushing === 0) sentAt = performance.now();
  if (now.state === 'finished') break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const finishedAt = performance.now();
const result = await deps.jobs.get(entityId, job.id);

const sendSeconds = (sentAt - started) / 1000;
const sendingEnd = startedWall + sendSeconds * 1000;
const requests = sim.store.requests;
const pushRequests = requests.filter((r) => r.path.endsWith('/push'));
// What Monite saw, not what the job meant to send: retries count, skipped records do not.
const pushesReceived = pushRequests.filter((r) => Date.parse(r.at) <= sendingEnd).length;
const pushesPerSecond = pushesReceived / sendSeconds;
const throttled = requests.filter((r) => r.status === 429).length;
const injected = requests.filter((r) => r.status >= 500).length;
const duplicates = ids.reduce((sum, id) => sum + Math.max(0, sim.store.pushCount(id) - 1), 0);

console.log(
  `${RECORDS} failed records; simulator limit ${MONITE_LIMIT} req/s with 2% random 5xx; BFF limiter ${BFF_LIMIT} req/s`,
);
console.log(
  `${pushesReceived} push requests received by the simulator in ${sendSeconds.toFixed(1)} s: ${pushesPerSecond.toFixed(1)} pushes/s = ${((100 * pushesPerSecond) / MONITE_LIMIT).toFixed(0)}% of Monite's limit (goal ≥ 90%)`,
);
const whileSending = requests.filter((r) => Date.parse(r.at) <= sendingEnd).length / sendSeconds;
console.log(
  `upstream: ${requests.length} requests (${pushRequests.length} pushes, ${requests.length - pushRequests.length} reads/lists), ${injected} injected 5xx, ${throttled} answered 429; ${whileSending.toFixed(1)} requests/s while sending`,
);
console.log(`duplicate pushes: ${duplicates} (goal 0)`);
console.log(
  `finished in ${((finishedAt - started) / 1000).toFixed(1)} s: ${result.counts.done} done, ${result.counts.failed} failed, ${result.counts.skipped} skipped, ${result.counts.pending} still pending`,
);
const retriedDone = retryable.filter((id) => sim.store.record(entityId, id)?.sync_status === 'done').length;
console.log(
  `by cause: ${retriedDone} of ${retryable.length} "retry may help" done; ${result.counts.done - retriedDone} of ${ids.length - retryable.length} "fix first" done (unfixed: expect 0)`,
);

await close();
