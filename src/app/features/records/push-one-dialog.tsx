import { useRef } from 'react';
import type { ListedRecord } from '../../../contract/api';
import { ERROR_CLASS_LABELS } from '../../../contract/error-class';
import { Button } from '../../components/button';
import { ModalDialog } from '../../components/modal-dialog';
import { recordName } from '../../lib/document-text';
import { FixList } from './fix-list';

type PushOneDialogProps = { record: ListedRecord; onConfirm: () => void; onClose: () => void };

/**
 * Asked before pushing a record that would fail again unless its cause was fixed, or one that
 * already synced (pushing it re-sends the document).
 */
export function PushOneDialog({ record, onConfirm, onClose }: PushOneDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { classification } = record;
  const done = record.sync_status === 'done';
  return (
    <ModalDialog
      title={done ? `Push ${recordName(record)} again?` : `Did you fix ${recordName(record)}?`}
      description={
        done ? (
          <p>It already synced. Pushing it again re-sends the document to the accounting system.</p>
        ) : (
          classification && (
            <>
              <p>
                {ERROR_CLASS_LABELS[classification.class]}: pushing it again fails the same way until the
                cause is fixed.
              </p>
              <FixList groups={[classification]} />
            </>
          )
        )
      }
      onClose={onClose}
      initialFocus={cancelRef}
      actions={
        <>
          <Button ref={cancelRef} onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="primary"
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {done ? 'Push again' : 'I fixed it, push'}
          </Button>
        </>
      }
    />
  );
}
