import { usePopover } from '../../lib/use-popover';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSignOut } from '../../api/sign-out';
import { ColorSchemeSelect } from '../../components/color-scheme-select';
import { Spinner } from '../../components/spinner';
import { cx } from '../../lib/cx';
import { adminPath, SIGN_IN_PATH } from '../../lib/paths';
import { toast } from '../../lib/toast';
import { RoleBadge } from './role-badge';
import { useSignedInUser } from './signed-in-user';

/**
 * Who is signed in, as what, the Staff page for admins, the theme, and the way out. Inline in the top bar from `lg` up;
 * narrower, they fold behind an Account button, so the bar fits a phone and Sign out stays in reach.
 * One set of elements serves both layouts (CSS switches them), so there is one Sign out, not two.
 */
export function UserMenu() {
  const user = useSignedInUser();
  const navigate = useNavigate();
  const { open, setOpen, rootRef, buttonRef, panelId } = usePopover();
  const signOut = useSignOut({
    mutationConfig: {
      // Synchronously, so no page behind the session guard is still mounted when its data goes.
      onSuccess: (signedOut) => {
        toast.dismissAll();
        // Signed in through the identity provider: its session ends too, on its own page.
        if (signedOut) return window.location.assign(signedOut.end_session_url);
        return navigate(SIGN_IN_PATH, { replace: true, flushSync: true });
      },
      onError: (error) => toast.error(`Could not sign out: ${errorMessage(error)}`),
    },
  });

  return (
    <div ref={rootRef} className="relative ml-auto text-sm">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 lg:hidden"
      >
        Account
        <span aria-hidden="true" className="text-xs">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        className={cx(
          open ? 'flex' : 'hidden',
          'absolute top-full right-0 z-50 mt-2 w-64 flex-col items-start gap-3 rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200',
          'lg:static lg:mt-0 lg:flex lg:w-auto lg:flex-row lg:items-center lg:rounded-none lg:bg-transparent lg:p-0 lg:shadow-none lg:ring-0',
        )}
      >
        <span className="max-w-full truncate text-slate-700 lg:max-w-56" title="Signed in as">
          {user.email}
        </span>
        <RoleBadge role={user.role} />
        {user.role === 'admin' && (
          <Link
            to={adminPath}
            onClick={() => setOpen(false)}
            className="inline-flex items-center rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Staff
          </Link>
        )}
        <ColorSchemeSelect className="text-slate-700" />
        <button
          type="button"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed"
        >
          {signOut.isPending && <Spinner />}
          Sign out
        </button>
      </div>
    </div>
  );
}
