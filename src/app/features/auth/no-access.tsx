import { useReleaseFirstScreen } from '../../lib/use-release-first-screen';

/** A signed-in person with no entity granted yet: what to do, not an error. */
export function NoAccess() {
  useReleaseFirstScreen();
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <h1 className="text-base font-semibold text-slate-900">No access yet — ask an admin</h1>
      <p className="text-sm text-slate-600">No entity is granted to your account yet.</p>
    </div>
  );
}
