import { lazy, Suspense, useState } from 'react';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import type { ListedRecord } from '../../../contract/api';
import { asksToConfirmFix } from '../../../contract/error-class';
import { usePush } from './use-push';

// Only for the pushes that ask first; loaded when one is clicked.
const PushOneDialog = lazy(() => import('./push-one-dialog').then((m) => ({ default: m.PushOneDialog })));

/** Pushing a failure that needs fixing first, or a record already done, is asked about first. */
const asksFirst = (record: ListedRecord) =>
  record.sync_status === 'done' ||
  (record.sync_status === 'error' &&
    record.classification !== null &&
    asksToConfirmFix(record.classification.class));

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
  const [asking, setAsking] = useState(false);
  const alreadyPending = record.sync_status === 'pending';
  return (
    <>
      <Button
        size={size}
        variant={record.sync_status === 'error' ? 'primary' : 'secondary'}
        disabled={isPushing || alreadyPending}
        title={alreadyPending ? 'The provider is syncing this record now' : undefined}
        // What the list's `p` shortcut clicks.
        data-push
        onClick={(event) => {
          // The row behind the button opens the details drawer on click.
          event.stopPropagation();
          if (asksFirst(record)) setAsking(true);
          else push();
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
      {asking && (
        <Suspense>
          <PushOneDialog record={record} onConfirm={push} onClose={() => setAsking(false)} />
        </Suspense>
      )}
    </>
  );
}
