import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { PushJob } from '../../contract/push-jobs';
import { apiFetch } from './client';
import { putJobInList } from './get-push-jobs';
import { mutationKeys } from './query-keys';

/** Stops sending: pushes already sent finish, queued records are not sent. */
export const cancelPushJob = (entityId: string, jobId: string) =>
  apiFetch(
    `/api/entities/${encodeURIComponent(entityId)}/push-jobs/${encodeURIComponent(jobId)}`,
    'pushJob',
    { method: 'DELETE' },
  );

type CancelPushJobOptions = {
  entityId: string;
  jobId: string;
  mutationConfig?: Pick<UseMutationOptions<PushJob, Error>, 'onError'>;
};

export function useCancelPushJob({ entityId, jobId, mutationConfig }: CancelPushJobOptions) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.cancelPushJob(entityId, jobId),
    mutationFn: () => cancelPushJob(entityId, jobId),
    onSuccess: (job) => putJobInList(queryClient, job),
    ...mutationConfig,
  });
}
