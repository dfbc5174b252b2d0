import type { AuditEntry } from '../../../contract/audit';
import { cx } from '../../lib/cx';
import { OUTCOME_LABELS } from './audit-labels';

const TONES: Record<AuditEntry['outcome'], string> = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  failed: 'bg-red-50 text-red-700 ring-red-600/20',
  unknown: 'bg-amber-50 text-amber-800 ring-amber-600/25',
};

const HINTS: Partial<Record<AuditEntry['outcome'], string>> = {
  unknown:
    "The push was sent, but Sync Desk stopped before it heard Monite's answer. Open the record to see where it stands.",
};

export function OutcomeBadge({ outcome }: { outcome: AuditEntry['outcome'] }) {
  return (
    <span
      title={HINTS[outcome]}
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONES[outcome],
      )}
    >
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}
