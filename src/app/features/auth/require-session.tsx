import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../components/error-message';
import { Spinner } from '../../components/spinner';
import { signInPath } from '../../lib/paths';
import { SignedInUserContext } from './signed-in-user';

/**
 * Renders its pages only for a signed-in person; anyone else goes to sign in and comes back here
 * afterwards, filters included. Also where a session that ends mid-use lands (see query-client).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname, search, hash } = useLocation();

  if (session.isPending) {
    return (
      <div className="flex h-dvh items-center justify-center gap-2 text-sm text-slate-500">
        <Spinner /> Checking your session…
      </div>
    );
  }
  if (session.isError) {
    return (
      <ErrorMessage
        title="Could not check your session"
        error={session.error}
        onRetry={() => void session.refetch()}
      />
    );
  }
  if (!session.data.user) return <Navigate to={signInPath(pathname + search + hash)} replace />;
  return <SignedInUserContext value={session.data.user}>{children}</SignedInUserContext>;
}
