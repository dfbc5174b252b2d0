import { useRef, useState } from 'react';
import { ERROR_CLASS_LABELS } from '../../../contract/error-class';
import type { PushJob } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import { errorMessage, isUnauthenticated } from '../../api/client';
import { useCreatePushJob } from '../../api/create-push-job';
import { Button } from '../../components/button';
import { ModalDialog } from '../../components/modal-dialog';
import { Spinner } from '../../components/spinner';
import { toast } from '../../lib/toast';
import { jobsJoinedHere } from './job-memory';
import { recordsCount } from './job-text';
import { describeStatuses, pushRequest, type PushSource } from './push-request';
import { FixList } from './fix-list';
import { focusRing } from '../../lib/focus-ring';
import { cx } from '../../lib/cx';

type PushConfirmDialogProps = {
  entityId: string;
  /** What is selected; read once, so what is sent is what the person confirmed. */
  source: PushSource;
  onClose: () => void;
  onStarted: (job: PushJob) => void;
};

/**
 * "Push 128 records? 120 failed · 8 done." with the failures by class. Done records are left out
 * unless ticked in; failures that need fixing first are sent only once the person says they fixed
 * them, or left for later by pushing only those a retry may help. Esc or Cancel sends nothing.
 */
export function PushConfirmDialog({ entityId, source, onClose, onStarted }: PushConfirmDialogProps) {
  const [frozen] = useState(source);
  const [includeDone, setIncludeDone] = useState(false);
  const [fixed, setFixed] = useState(false);
  const request = pushRequest(frozen, { includeDone });
  const cancelRef = useRef<HTMLButtonElement>(null);
  const create = useCreatePushJob({
    entityId,
    mutationConfig: {
      onSuccess: ({ job, joined }) => {
        // A job was already running (a second click, or someone else's): its panel follows it,
        // saying so; this selection stays for after it.
        if (joined) jobsJoinedHere.add(job.id);
        else onStarted(job);
        onClose();
      },
      onError: (error) => {
        // A session that ended is said once, by the query client, on the way to sign-in.
        if (!isUnauthenticated(error)) toast.error(errorMessage(error));
        onClose();
      },
    },
  });

  const toFix = request.toFix.reduce((sum, group) => sum + group.count, 0);
  const blocked = request.count === 0 || (toFix > 0 && !fixed);
  const { retryOnly } = request;
  // Which of the two pushes was asked for, so that one says it is starting.
  const [sent, setSent] = useState<'all' | 'retry'>('all');
  const send = (which: typeof sent, body: typeof request.body) => {
    setSent(which);
    create.mutate(body);
  };
  const starting = (which: typeof sent) => create.isPending && sent === which;
  return (
    <ModalDialog
      title={`Push ${recordsCount(request.count)}?`}
      description={
        <p>
          {request.statuses.length > 0 && `${describeStatuses(request.statuses)}. `}
          {PUSH_MESSAGES.pendingAreSkipped}
        </p>
      }
      onClose={onClose}
      initialFocus={cancelRef}
      actions={
        <>
          <Button ref={cancelRef} onClick={onClose}>
            Cancel
          </Button>
          {retryOnly && (
            <Button disabled={create.isPending} onClick={() => send('retry', retryOnly.body)}>
              {starting('retry') && <Spinner />}
              {starting('retry')
                ? 'Starting…'
                : `Push only the ${retryOnly.count.toLocaleString()} where a retry may help`}
            </Button>
          )}
          <Button
            variant="primary"
            disabled={create.isPending || blocked}
            onClick={() => send('all', request.body)}
          >
            {starting('all') && <Spinner />}
            {starting('all') ? 'Starting…' : `Push ${recordsCount(request.count)}`}
          </Button>
        </>
      }
    >
      {request.classes.length > 0 && (
        <dl aria-label="Failures by cause" className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {request.classes.map(({ errorClass, count }) => (
            <div key={errorClass} className="flex gap-1">
              <dt className="text-slate-600">{ERROR_CLASS_LABELS[errorClass]}</dt>
              <dd className="font-medium text-slate-900 tabular-nums">{count.toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      )}
      {toFix > 0 && (
        <div className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200">
          <p>{recordsCount(toFix)} fail again unless their cause is fixed first:</p>
          {/* No scroll box of its own: the dialog scrolls, and a box without a control to focus is out of reach of the keyboard. */}
          <FixList groups={request.toFix} />
          <OptIn checked={fixed} onChange={setFixed}>
            I fixed these causes
          </OptIn>
        </div>
      )}
      {request.done > 0 && (
        <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">
          <p>
            {recordsCount(request.done)} already synced (done). Pushing them again re-sends documents the
            accounting system already has, so they are left out unless you include them.
          </p>
          <OptIn checked={includeDone} onChange={setIncludeDone}>
            Also push {request.done.toLocaleString()} done record{request.done === 1 ? '' : 's'}
          </OptIn>
        </div>
      )}
    </ModalDialog>
  );
}

/** A choice the user must make on purpose before a push that needs it (unticked by default). */
function OptIn({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <label className="mt-2 flex items-start gap-2 font-medium">
      <input
        type="checkbox"
        className={cx('mt-0.5 size-4 accent-indigo-600', focusRing)}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}
