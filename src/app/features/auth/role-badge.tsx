import type { Role } from '../../../contract/session';
import { cx } from '../../lib/cx';

const ROLE: Record<Role, { label: string; tone: string }> = {
  viewer: { label: 'Viewer', tone: 'bg-slate-700 text-slate-200' },
  operator: { label: 'Operator', tone: 'bg-indigo-500/30 text-indigo-100' },
  admin: { label: 'Admin', tone: 'bg-amber-400/25 text-amber-100' },
};

export const roleLabel = (role: Role) => ROLE[role].label;

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <span className={cx('rounded px-1.5 py-0.5 text-xs font-medium', ROLE[role].tone, className)}>
      {ROLE[role].label}
    </span>
  );
}
