import { Link, Outlet } from 'react-router';

export function AppShell() {
  return (
    <div className="flex h-dvh flex-col">
      <nav className="flex h-11 shrink-0 items-center bg-slate-900 px-6">
        <Link to="/" className="flex items-center gap-2 text-sm font-semibold text-white">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-indigo-400" />
          Sync Desk
        </Link>
      </nav>
      <Outlet />
    </div>
  );
}
