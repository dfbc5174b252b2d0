import { useState } from 'react';
import { Link, Outlet, useLocation, useMatch } from 'react-router';
import { RequireSession } from './features/auth/require-session';
import { UserMenu } from './features/auth/user-menu';
import { cx } from './lib/cx';
import { auditPath, recordsPath } from './lib/paths';

function NavItem({ to, active, children }: { to: string; active: boolean; children: string }) {
  return (
    <Link
      to={to}
      aria-current={active ? 'page' : undefined}
      className={cx(
        'rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
        active ? 'bg-slate-100 text-slate-900' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
      )}
    >
      {children}
    </Link>
  );
}

/** The records list last shown (entity and filters), so Audit → Records goes back to it. */
function useLastRecordsUrl() {
  const entityMatch = useMatch('/entities/:entityId/records/*');
  const { search } = useLocation();
  const current = entityMatch && `${recordsPath(entityMatch.params.entityId ?? '')}${search}`;
  const [last, setLast] = useState<string | null>(current);
  if (current && current !== last) setLast(current);
  return { href: current ?? last ?? '/', active: Boolean(entityMatch) };
}

export function AppShell() {
  const records = useLastRecordsUrl();
  const onAudit = Boolean(useMatch(`${auditPath}/*`));
  return (
    <RequireSession>
      <div className="flex h-dvh flex-col">
        {/* Dark in both schemes: its classes name the dark palette's tones (index.css). */}
        <nav
          aria-label="Main"
          data-color-scheme="dark"
          className="flex h-11 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:gap-6 sm:px-6"
        >
          <Link
            to="/"
            className="flex items-center gap-2 text-sm font-semibold whitespace-nowrap text-slate-900"
          >
            <span aria-hidden="true" className="size-2.5 rounded-sm bg-indigo-500" />
            Sync Desk
          </Link>
          <div className="flex items-center gap-1">
            <NavItem to={records.href} active={records.active}>
              Records
            </NavItem>
            <NavItem to={auditPath} active={onAudit}>
              Audit
            </NavItem>
          </div>
          <UserMenu />
        </nav>
        <Outlet />
      </div>
    </RequireSession>
  );
}
