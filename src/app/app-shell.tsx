import { useRef, useState } from 'react';
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
        'rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-400',
        active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white',
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
  const mainRef = useRef<HTMLElement>(null);
  return (
    <RequireSession>
      <div className="flex h-dvh flex-col">
        <header className="shrink-0">
          {/* Focus moves, not just the scroll: the next Tab goes on from the page's content. */}
          <a
            href="#main"
            onClick={(event) => {
              event.preventDefault();
              mainRef.current?.focus();
            }}
            className="sr-only focus-visible:not-sr-only focus-visible:absolute focus-visible:top-2 focus-visible:left-2 focus-visible:z-50 focus-visible:rounded-md focus-visible:bg-white focus-visible:px-3 focus-visible:py-1.5 focus-visible:text-sm focus-visible:font-medium focus-visible:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Skip to content
          </a>
          <nav aria-label="Main" className="flex h-11 items-center gap-6 bg-slate-900 px-6">
            <Link
              to="/"
              className="flex items-center gap-2 rounded-md text-sm font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400"
            >
              <span aria-hidden="true" className="size-2.5 rounded-sm bg-indigo-400" />
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
        </header>
        {/* The one main landmark of every signed-in page; focusable for the skip link only. */}
        <main id="main" ref={mainRef} tabIndex={-1} className="flex min-h-0 flex-1 flex-col outline-none">
          <Outlet />
        </main>
      </div>
    </RequireSession>
  );
}
