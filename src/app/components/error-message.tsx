import { errorMessage } from '../api/client';
import { useReleaseFirstScreen } from '../lib/use-release-first-screen';
import { Button } from './button';

/** A failed load, said inline, with a way to try again: never a blank screen. */
export function ErrorMessage({
  error,
  onRetry,
  title = 'Could not load this',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  useReleaseFirstScreen();
  return (
    <div
      role="alert"
      className="m-4 flex items-start justify-between gap-4 rounded-lg bg-red-50 p-4 ring-1 ring-red-200"
    >
      <div className="text-sm">
        <p className="font-semibold text-red-800">{title}</p>
        <p className="mt-1 text-red-700">{errorMessage(error)}</p>
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
