/**
 * Pushing one record, as a person sees it: one request however often they click, a toast on
 * failure, then the record is watched until the provider settles it and the outcome is toasted.
 */
import { useQueryClient } from '@tanstack/react-query';
import { toast } from '../../lib/toast';
import { ApiError, errorMessage, isUnauthenticated } from '../../api/client';
import { watchRecordUntilSettled } from '../../api/get-record';
import { useIsPushing, usePushRecord } from '../../api/push-record';
import { mutationKeys } from '../../api/query-keys';
import { labelOf } from '../../lib/labels';
import { summariseErrors } from '../../../monite/errors-text';
import type { ListedRecord } from '../../../contract/api';

const describe = (record: ListedRecord) =>
  `${labelOf('object_type', record.object_type)} ${record.object_id ?? record.id}`;

export function usePush(entityId: string, record: ListedRecord) {
  const queryClient = useQueryClient();
  const recordId = record.id;
  const isPushing = useIsPushing(entityId, recordId);

  const followUntilSettled = () =>
    watchRecordUntilSettled(queryClient, entityId, recordId).then(
      (settled) =>
        settled.sync_status === 'error'
          ? toast.error(`Push failed: ${summariseErrors(settled.errors) ?? 'the provider gave no reason'}`, {
              description: describe(settled),
            })
          : toast.success(`Pushed — now ${labelOf('sync_status', settled.sync_status).toLowerCase()}`, {
              description: describe(settled),
            }),
      (error: unknown) => {
        // A session that ended is said once, by the query client, on the way to sign-in.
        if (!isUnauthenticated(error)) toast.error(`Could not check the push result: ${errorMessage(error)}`);
      },
    );

  const mutation = usePushRecord({
    entityId,
    recordId,
    mutationConfig: {
      onSuccess: () => void followUntilSettled(),
      onError: (error) => {
        if (isUnauthenticated(error)) return;
        // Includes a 403, in the BFF's words (e.g. the role may not push).
        toast.error(errorMessage(error), { description: describe(record) });
        // Someone else's push is already under way: follow that one instead.
        if (error instanceof ApiError && error.code === 'already_pending') void followUntilSettled();
      },
    },
  });

  const push = () => {
    // The mutation cache marks a push pending at once, while the disabled button only renders
    // a tick later: this keeps a click landing in between from sending a second request.
    if (queryClient.isMutating({ mutationKey: mutationKeys.pushRecord(entityId, recordId), exact: true }))
      return;
    mutation.mutate();
  };

  return { push, isPushing };
}
