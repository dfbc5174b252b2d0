import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { RecordsFilter } from '../../contract/api';
import { jobRunningDetailsSchema, type CreatePushJob, type PushJob } from '../../contract/push-jobs';
import { ApiError, apiFetch } from './client';
import { getPushJob, putJobInList } from './get-push-jobs';
import { mutationKeys } from './query-keys';

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

/**
 * The entity's running job when the BFF refused a second one (409 `job_running`: a double click,
 * or someone else's job this page had not seen yet), to follow instead of failing.
 */
function runningJobId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'job_running') return undefined;
  return jobRunningDetailsSchema.safeParse(error.details).data?.job_id;
}

/** What asking for a job came to: a new job, or (`joined`) the one already running for the entity. */
export type StartedJob = { job: PushJob; joined: boolean };

async function startOrJoin(entityId: string, body: CreatePushJob): Promise<StartedJob> {
  try {
    return { job: await createPushJob(entityId, body), joined: false };
  } catch (error) {
    const running = runningJobId(error);
    if (running === undefined) throw error;
    return { job: await getPushJob(entityId, running), joined: true };
  }
}

type CreatePushJobOptions = {
  entityId: string;
  mutationConfig?: Pick<UseMutationOptions<StartedJob, Error, CreatePushJob>, 'onSuccess' | 'onError'>;
};

export function useCreatePushJob({ entityId, mutationConfig }: CreatePushJobOptions) {
  const queryClient = useQueryClient();
  const { onSuccess, onError } = mutationConfig ?? {};
  return useMutation({
    mutationKey: mutationKeys.createPushJob(entityId),
    mutationFn: (body: CreatePushJob) => startOrJoin(entityId, body),
    onSuccess: (started, ...args) => {
      putJobInList(queryClient, started.job);
      return onSuccess?.(started, ...args);
    },
    onError,
  });
}
