import type { AuditEntry } from '../../../contract/audit';

export const ACTION_LABELS: Record<AuditEntry['action'], string> = {
  push: 'Push',
  sign_in: 'Sign-in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Sign-out',
};

export const OUTCOME_LABELS: Record<AuditEntry['outcome'], string> = {
  ok: 'OK',
  failed: 'Failed',
  unknown: 'Outcome unknown',
};

/** "850 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
