/** A signed-in person with no entity granted yet: what to do, not an error. */
export function NoAccess() {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <h1 className="text-base font-semibold text-slate-900">No access yet — ask an admin</h1>
      <p className="max-w-md text-sm text-slate-600">
        You are signed in, but no entity has been granted to your account. An admin of Sync Desk can give you
        access from the Staff page; sign in again afterwards if this page stays.
      </p>
    </div>
  );
}
