import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import type { ListedRecord } from '../../../contract/api';
import { usePush } from './use-push';

export function PushButton({
  entityId,
  record,
  size = 'sm',
}: {
  entityId: string;
  record: ListedRecord;
  size?: 'sm' | 'md';
}) {
  const { push, isPushing } = usePush(entityId, record);
  const alreadyPending = record.sync_status === 'pending';
  return (
    <Button
      size={size}
      variant={record.sync_status === 'error' ? 'primary' : 'secondary'}
      disabled={isPushing || alreadyPending}
      title={alreadyPending ? 'The provider is syncing this record now' : undefined}
      onClick={(event) => {
        // The row behind the button opens the details drawer on click.
        event.stopPropagation();
        push();
      }}
    >
      {isPushing ? (
        <>
          <Spinner /> Pushing…
        </>
      ) : (
        'Push'
      )}
    </Button>
  );
}
