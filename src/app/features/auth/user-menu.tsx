import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSignOut } from '../../api/sign-out';
import { Spinner } from '../../components/spinner';
import { SIGN_IN_PATH } from '../../lib/paths';
import { toast } from '../../lib/toast';
import { RoleBadge } from './role-badge';
import { useSignedInUser } from './signed-in-user';

/** Who is signed in, as what, and the way out. */
export function UserMenu() {
  const user = useSignedInUser();
  const navigate = useNavigate();
  const signOut = useSignOut({
    mutationConfig: {
      // Synchronously, so no page behind the session guard is still mounted when its data goes.
      onSuccess: () => {
        toast.dismissAll();
        return navigate(SIGN_IN_PATH, { replace: true, flushSync: true });
      },
      onError: (error) => toast.error(`Could not sign out: ${errorMessage(error)}`),
    },
  });

  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span className="text-slate-300" title="Signed in as">
        {user.email}
      </span>
      <RoleBadge role={user.role} />
      <button
        type="button"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
        className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400 disabled:cursor-not-allowed"
      >
        {signOut.isPending && <Spinner />}
        Sign out
      </button>
    </div>
  );
}
