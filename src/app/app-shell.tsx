import { useRef, useState } from 'react';
import { Link, useLocation, useMatch } from 'react-router';
import { AccessGate } from './features/auth/access-gate';
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
          {/* Dark in both schemes: its classes name the dark palette's tones (index.css). */}
          <nav
            aria-label="Main"
            data-color-scheme="dark"
            className="flex h-11 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:gap-6 sm:px-6"
          >
            <Link
              to="/"
              className="flex items-center gap-2 rounded-md text-sm font-semibold whitespace-nowrap text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
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
        </header>
        {/* The one main landmark of every signed-in page; focusable for the skip link only. */}
        <main id="main" ref={mainRef} tabIndex={-1} className="flex min-h-0 flex-1 flex-col outline-none">
          <AccessGate />
        </main>
      </div>
    </RequireSession>
  );
}
