/** How a push job is put into words, in the panel and in toasts. */
import type { PushJob } from '../../../contract/push-jobs';

const n = (value: number) => value.toLocaleString();

/** Sent to Monite: still pending there, or settled either way. */
export const pushedCount = ({ counts }: Pick<PushJob, 'counts'>) =>
  counts.pending + counts.done + counts.failed;

/** "712 done, 280 failed, 8 skipped" (and what was left when it was cancelled). */
export function jobOutcome(job: Pick<PushJob, 'counts'>): string {
  const { done, failed, skipped, pending, cancelled } = job.counts;
  return [
    `${n(done)} done`,
    `${n(failed)} failed`,
    `${n(skipped)} skipped`,
    pending > 0 && `${n(pending)} still pending`,
    cancelled > 0 && `${n(cancelled)} not sent`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** "Done: 1,000 pushed — 712 done, 280 failed, 8 skipped". */
export const jobSummary = (job: Pick<PushJob, 'counts' | 'state'>) =>
  `${job.state === 'cancelled' ? 'Cancelled' : 'Done'}: ${n(pushedCount(job))} pushed — ${jobOutcome(job)}`;

export const formatRate = (perSecond: number) => `${perSecond.toFixed(1)} records/s`;

/** "about 35 s left", "about 4 min left". */
export function formatEta(seconds: number): string {
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.round(seconds)} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${Math.round(seconds / 3600)} h left`;
}

export const recordsCount = (count: number) => `${n(count)} record${count === 1 ? '' : 's'}`;
