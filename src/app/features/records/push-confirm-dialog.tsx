import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PushJob } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import { errorMessage, isUnauthenticated } from '../../api/client';
import { useCreatePushJob } from '../../api/create-push-job';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { toast } from '../../lib/toast';
import { recordsCount } from './job-text';
import { describeStatuses, pushRequest, type PushSource } from './push-request';

type PushConfirmDialogProps = {
  entityId: string;
  /** What is selected; read once, so what is sent is what the person confirmed. */
  source: PushSource;
  onClose: () => void;
  onStarted: (job: PushJob) => void;
};

/** "Push 128 records? 120 failed · 8 done." Esc or Cancel sends nothing. */
export function PushConfirmDialog({ entityId, source, onClose, onStarted }: PushConfirmDialogProps) {
  const [request] = useState(() => pushRequest(source));
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const create = useCreatePushJob({
    entityId,
    mutationConfig: {
      onSuccess: (job) => {
        onStarted(job);
        onClose();
      },
      onError: (error) => {
        // A session that ended is said once, by the query client, on the way to sign-in.
        // Otherwise the BFF's words: a 409 says whose job is running (the panel then shows it).
        if (!isUnauthenticated(error)) toast.error(errorMessage(error));
        onClose();
      },
    },
  });

  useEffect(() => {
    const opener = document.activeElement;
    // Pushing is not undone: the safe choice has the focus.
    cancelRef.current?.focus();
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Esc closes this dialog only, not the details drawer behind it.
      event.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [onClose]);

  /** Keep Tab inside the dialog. */
  const trapFocus = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const focusable = dialogRef.current?.querySelectorAll<HTMLElement>('button:not(:disabled)');
    const first = focusable?.[0];
    const last = focusable?.[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const title = `Push ${recordsCount(request.count)}?`;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center p-4">
      <div aria-hidden="true" className="absolute inset-0 bg-slate-900/30" onClick={onClose} />
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby="push-confirm-title"
        aria-describedby="push-confirm-description"
        onKeyDown={trapFocus}
        className="relative w-full max-w-md rounded-lg bg-white p-5 shadow-2xl"
      >
        <h2 id="push-confirm-title" className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <p id="push-confirm-description" className="mt-2 text-sm text-slate-600">
          {request.statuses.length > 0 && `${describeStatuses(request.statuses)}. `}
          {PUSH_MESSAGES.pendingAreSkipped}
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button ref={cancelRef} onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" disabled={create.isPending} onClick={() => create.mutate(request.body)}>
            {create.isPending && <Spinner />}
            {create.isPending ? 'Starting…' : `Push ${recordsCount(request.count)}`}
          </Button>
        </div>
      </div>
    </div>
  );
}
