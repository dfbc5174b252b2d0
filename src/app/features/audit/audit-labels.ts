import type { AuditEntry } from '../../../contract/audit';
import { MARK_LABELS } from '../../../contract/handled';
import { ALL_ENTITIES, roleSchema } from '../../../contract/session';
import { roleLabel } from '../auth/role-badge';

export const ACTION_LABELS: Record<AuditEntry['action'], string> = {
  push: 'Push',
  sign_in: 'Sign-in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Sign-out',
  mark: 'Marked handled',
  unmark: 'Mark removed',
  mark_lapsed: 'Mark lapsed (record changed in Monite)',
  grant_entity: 'Entity granted',
  revoke_entity: 'Entity revoked',
  set_role: 'Role changed',
  disable_account: 'Account disabled',
};

/**
 * The action as a sentence part, naming a mark's kind ("Marked handled: Do not send") or, for a
 * staff change, whose account and what it got ("Entity granted: ann@example.com, Operator on Acme
 * Ltd"), the entity by `entityName` where it is known, else by id.
 */
export function actionLabel(entry: AuditEntry, entityName?: string): string {
  const label = ACTION_LABELS[entry.action];
  if (entry.mark_kind) return `${label}: ${MARK_LABELS[entry.mark_kind]}`;
  if (!entry.subject) return label;
  const parsed = roleSchema.safeParse(entry.role);
  const role = parsed.success ? `, ${roleLabel(parsed.data)}` : '';
  const entity =
    entry.entity_id === ALL_ENTITIES
      ? ' on every entity'
      : entry.entity_id
        ? ` on ${entityName ?? entry.entity_id}`
        : '';
  return `${label}: ${entry.subject}${role}${entity}`;
}

/** Entries whose reason is a person's note (a mark's why), not a failure. */
export const isMarkEntry = (entry: AuditEntry): boolean => entry.mark_kind !== null;

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
