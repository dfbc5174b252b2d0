import { labelOf } from '../lib/labels';
import { cx } from '../lib/cx';
import { Spinner } from './spinner';

const TONES: Record<string, string> = {
  error: 'bg-red-50 text-red-700 ring-red-600/20',
  pending: 'bg-amber-50 text-amber-800 ring-amber-600/25',
  done: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
};

/** `live`: the record is in this state now (a pending one spins); off for history (the audit log). */
export function StatusBadge({ status, live = true }: { status: string; live?: boolean }) {
  return (
    <span
      className={cx(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        TONES[status] ?? 'bg-slate-100 text-slate-700 ring-slate-500/20',
      )}
    >
      {live && status === 'pending' && <Spinner className="size-3 border-[1.5px]" />}
      {labelOf('sync_status', status)}
    </span>
  );
}
