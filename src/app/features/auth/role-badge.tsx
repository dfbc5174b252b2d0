import type { Role } from '../../../contract/session';
import { cx } from '../../lib/cx';

// Shown in the top bar, which always takes the dark palette (app-shell.tsx): light tones read dark.
const ROLE: Record<Role, { label: string; tone: string }> = {
  viewer: { label: 'Viewer', tone: 'bg-slate-200 text-slate-800' },
  operator: { label: 'Operator', tone: 'bg-indigo-500/30 text-indigo-900' },
  admin: { label: 'Admin', tone: 'bg-amber-600/25 text-amber-900' },
};

export const roleLabel = (role: Role) => ROLE[role].label;

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <span className={cx('rounded px-1.5 py-0.5 text-xs font-medium', ROLE[role].tone, className)}>
      {ROLE[role].label}
    </span>
  );
}
