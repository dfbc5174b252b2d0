import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { PushJob } from '../../contract/push-jobs';
import { apiFetch } from './client';
import { queryKeys } from './query-keys';

const jobsPath = (entityId: string) => `/api/entities/${encodeURIComponent(entityId)}/push-jobs`;

/** The entity's running jobs and those finished in the last few minutes, newest first. */
export const getPushJobs = (entityId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiFetch(jobsPath(entityId), 'pushJobList', { signal }).then((r) => r.data);

/** One job of the entity, as it is now. */
export const getPushJob = (entityId: string, jobId: string) =>
  apiFetch(`${jobsPath(entityId)}/${encodeURIComponent(jobId)}`, 'pushJob');

/** A job is over once nothing more will be sent (finished, or cancelled). */
export const isJobOver = (job: Pick<PushJob, 'state'>) =>
  job.state === 'finished' || job.state === 'cancelled';

const POLL_RUNNING_MS = 1000;
const POLL_IDLE_MS = 10_000;

export const getPushJobsQueryOptions = (entityId: string) =>
  queryOptions({
    queryKey: queryKeys.pushJobs(entityId),
    queryFn: ({ signal }) => getPushJobs(entityId, { signal }),
    // Watch a running job closely; otherwise look now and then for one started by someone else.
    refetchInterval: (query) =>
      query.state.data?.some((job) => !isJobOver(job)) ? POLL_RUNNING_MS : POLL_IDLE_MS,
  });

export const usePushJobs = (entityId: string, { enabled = true } = {}) =>
  useQuery({ ...getPushJobsQueryOptions(entityId), enabled });

/** Put a job's latest copy (from a POST or DELETE) into the entity's list, without a refetch. */
export function putJobInList(queryClient: QueryClient, job: PushJob) {
  queryClient.setQueryData(getPushJobsQueryOptions(job.entity_id).queryKey, (jobs = []) =>
    jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...jobs],
  );
}
