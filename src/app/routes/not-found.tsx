import { Link } from 'react-router';
import { useReleaseFirstScreen } from '../lib/use-release-first-screen';

/** Any path the app does not know, inside the shell (whose main landmark holds it): the page's one heading. */
export function NotFound() {
  useReleaseFirstScreen();
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <h1 className="text-sm font-semibold text-slate-900">Page not found</h1>
      <Link to="/" className="text-sm font-medium text-indigo-700 hover:text-indigo-600">
        Go to the records
      </Link>
    </div>
  );
}
