/** A running job's pace and time left, from when its recent pushes were sent. */
import type { PushJob } from '../../../contract/push-jobs';

/** The rate is measured over the last ten seconds of sends. */
const RATE_WINDOW_MS = 10_000;

export function progress(
  sent: readonly number[],
  waiting: number,
  now = Date.now(),
): Pick<PushJob, 'rate_per_second' | 'eta_seconds'> {
  const recent = sent.filter((t) => now - t < RATE_WINDOW_MS);
  // At least a second, so a burst of first sends does not read as a huge rate.
  const elapsed = recent.length > 0 ? Math.max(1000, now - recent[0]!) : RATE_WINDOW_MS;
  const rate = recent.length / (elapsed / 1000);
  return {
    rate_per_second: Math.round(rate * 10) / 10,
    eta_seconds: waiting > 0 && rate > 0 ? Math.ceil(waiting / rate) : null,
  };
}
