import { ApiError, errorMessage } from '../../api/client';
import { useNow } from '../../lib/use-now';

/** Seconds left before another attempt is allowed, or 0. */
export function useRetryCountdown(retryAt: number | null, retryAfter: number | undefined) {
  const now = useNow(1000);
  if (retryAt === null || retryAfter === undefined) return 0;
  // The shared clock ticks once a second, so it may lag the moment the answer came back.
  return Math.min(retryAfter, Math.max(0, Math.ceil((retryAt - now) / 1000)));
}

/** Why signing in failed, in the person's terms (the BFF's own words where it has them). */
export function SignInError({ error, secondsLeft }: { error: Error; secondsLeft: number }) {
  let text: string;
  if (error instanceof ApiError && error.status === 429) {
    if (secondsLeft <= 0 && error.retryAfter !== undefined) return null;
    text =
      error.retryAfter === undefined
        ? 'Too many sign-in attempts; try again in a moment.'
        : `Too many sign-in attempts; try again in ${secondsLeft} s`;
  } else {
    text = errorMessage(error);
  }
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {text}
    </p>
  );
}
