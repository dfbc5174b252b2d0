import { useId, useState, type FormEvent } from 'react';
import type { ListedRecord } from '../../../contract/api';
import { MARK_KINDS, MARK_LABELS, MARK_REASON_MAX, type MarkKind } from '../../../contract/handled';
import { can } from '../../../contract/session';
import { errorMessage } from '../../api/client';
import { useMarkRecord } from '../../api/mark-record';
import { Button } from '../../components/button';
import { useEntityRole } from '../auth/signed-in-user';
import { DrawerSection } from './drawer-section';
import { HandledNote } from './handled-note';

const KIND_HINTS: Record<MarkKind, string> = {
  resolved: 'Fixed outside Sync Desk, e.g. entered by hand in Xero or QuickBooks.',
  do_not_send: 'Must not be pushed; Sync Desk refuses to push it.',
};

/** The drawer's "handled" part: the mark with Undo, or "Mark as handled…" on a failure. */
export function HandledSection({ entityId, record }: { entityId: string; record: ListedRecord }) {
  const canMark = can(useEntityRole(entityId), 'markHandled');
  const mutation = useMarkRecord(entityId, record.id);
  const [editing, setEditing] = useState(false);
  if (!record.handled && (record.sync_status !== 'error' || !canMark)) return null;

  return (
    <DrawerSection title="Handled">
      {record.handled ? (
        <div className="flex items-start gap-3 rounded-md bg-slate-50 p-3">
          <div className="min-w-0 flex-1">
            <HandledNote mark={record.handled} full />
          </div>
          {canMark && (
            <Button size="sm" disabled={mutation.isPending} onClick={() => mutation.mutate(null)}>
              Undo
            </Button>
          )}
        </div>
      ) : editing ? (
        <MarkForm
          busy={mutation.isPending}
          onCancel={() => setEditing(false)}
          onSubmit={(input) => mutation.mutate(input, { onSuccess: () => setEditing(false) })}
        />
      ) : (
        <Button onClick={() => setEditing(true)}>Mark as handled…</Button>
      )}
      {mutation.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errorMessage(mutation.error)}
        </p>
      )}
    </DrawerSection>
  );
}

type MarkFormProps = {
  busy: boolean;
  onCancel: () => void;
  onSubmit: (input: { kind: MarkKind; reason: string }) => void;
};

function MarkForm({ busy, onCancel, onSubmit }: MarkFormProps) {
  const [kind, setKind] = useState<MarkKind>('resolved');
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onSubmit({ kind, reason: reason.trim() });
  };
  return (
    <form onSubmit={submit} className="space-y-3 rounded-md border border-slate-200 p-3">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-900">How was it handled?</legend>
        {MARK_KINDS.map((value) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="mark-kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
              className="mt-1"
            />
            <span>
              <span className="font-medium text-slate-800">{MARK_LABELS[value]}</span>
              <span className="block text-xs text-slate-500">{KIND_HINTS[value]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor={reasonId} className="text-sm font-medium text-slate-900">
          Reason
        </label>
        <textarea
          id={reasonId}
          required
          maxLength={MARK_REASON_MAX}
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. Entered by hand in Xero as INV-2041"
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy || !reason.trim()}>
          Mark as handled
        </Button>
      </div>
    </form>
  );
}
