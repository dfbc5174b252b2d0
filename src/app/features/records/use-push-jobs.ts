/**
 * The entity's bulk push jobs as the records page follows them: the one to show in the panel,
 * whether one is running (the list then refreshes live), and what to do when one ends.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PushJob } from '../../../contract/push-jobs';
import { isJobOver, usePushJobs } from '../../api/get-push-jobs';
import { dismissedJobs, jobsStartedHere } from './job-memory';

export function useEntityPushJobs(entityId: string, { enabled }: { enabled: boolean }) {
  const { data: jobs } = usePushJobs(entityId, { enabled });
  const [dismissed, setDismissed] = useState(dismissedJobs.all);
  const running = jobs?.find((job) => !isJobOver(job));
  const dismiss = useCallback((jobId: string) => {
    dismissedJobs.add(jobId);
    setDismissed(dismissedJobs.all());
  }, []);
  return {
    jobs,
    /** A running job, else the newest recent one whose summary nobody here dismissed. */
    shown: running ?? jobs?.find((job) => !dismissed.has(job.id)),
    running: running !== undefined,
    dismiss,
  };
}

/**
 * Calls `onEnd` once for each job seen running that is now over, and for a job this tab started
 * even if it ended unseen (e.g. across a reload); `mine` says whether this tab started it.
 */
export function useJobEnds(jobs: PushJob[] | undefined, onEnd: (job: PushJob, mine: boolean) => void) {
  const seenRunning = useRef(new Set<string>());
  const latestOnEnd = useRef(onEnd);
  useLayoutEffect(() => {
    latestOnEnd.current = onEnd;
  });
  useEffect(() => {
    for (const job of jobs ?? []) {
      if (!isJobOver(job)) {
        seenRunning.current.add(job.id);
        continue;
      }
      const mine = jobsStartedHere.has(job.id);
      if (seenRunning.current.delete(job.id) || mine) {
        jobsStartedHere.delete(job.id);
        latestOnEnd.current(job, mine);
      }
    }
  }, [jobs]);
}
