import { useRouteError } from 'react-router';
import { Button } from '../components/button';
import { useReleaseFirstScreen } from '../lib/use-release-first-screen';

/** The last line of defence: a render error shows this, never a blank screen. */
export function RouteError() {
  const error = useRouteError();
  useReleaseFirstScreen();
  console.error(error);
  return (
    <div
      role="alert"
      className="mx-auto mt-24 max-w-md rounded-lg bg-white p-6 text-center shadow ring-1 ring-slate-200"
    >
      <p className="font-semibold text-slate-900">Something went wrong</p>
      <p className="mt-1 text-sm text-slate-600">
        {error instanceof Error ? error.message : 'Sync Desk hit an unexpected problem.'}
      </p>
      <Button variant="primary" className="mt-4" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </div>
  );
}
