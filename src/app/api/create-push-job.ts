import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { RecordsFilter } from '../../contract/api';
import type { CreatePushJob, PushJob } from '../../contract/push-jobs';
import { ApiError, apiFetch } from './client';
import { putJobInList } from './get-push-jobs';
import { mutationKeys, queryKeys } from './query-keys';

export const createPushJob = (entityId: string, body: CreatePushJob) =>
  apiFetch(`/api/entities/${encodeURIComponent(entityId)}/push-jobs`, 'pushJob', {
    method: 'POST',
    body,
  });

type JobFilter = Extract<CreatePushJob, { filter: unknown }>['filter'];

/** The records page's filters as a job's `filter`: the set the list shows (an empty facet: any value). */
export const jobFilter = (filter: RecordsFilter): JobFilter => ({
  sync_status: filter.sync_status ?? [],
  provider: filter.provider ?? [],
  platform: filter.platform ?? [],
  object_type: filter.object_type ?? [],
  error_group: filter.error_group ?? [],
  ...(filter.q && { q: filter.q }),
  // The BFF leaves handled records out unless asked for the Handled view.
  ...(filter.handled === 'only' && { handled: 'only' as const }),
});

/** A second job while one runs for the entity: the BFF says whose, and the list should show it. */
const isJobRunningError = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 409 && error.code === 'job_running';

type CreatePushJobOptions = {
  entityId: string;
  mutationConfig?: Pick<UseMutationOptions<PushJob, Error, CreatePushJob>, 'onSuccess' | 'onError'>;
};

export function useCreatePushJob({ entityId, mutationConfig }: CreatePushJobOptions) {
  const queryClient = useQueryClient();
  const { onSuccess, onError } = mutationConfig ?? {};
  return useMutation({
    mutationKey: mutationKeys.createPushJob(entityId),
    mutationFn: (body: CreatePushJob) => createPushJob(entityId, body),
    onSuccess: (job, ...args) => {
      putJobInList(queryClient, job);
      return onSuccess?.(job, ...args);
    },
    onError: (error, ...args) => {
      if (isJobRunningError(error)) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.pushJobs(entityId) });
      }
      return onError?.(error, ...args);
    },
  });
}
