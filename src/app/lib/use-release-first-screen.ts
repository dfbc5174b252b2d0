import { useLayoutEffect } from 'react';
import { releaseFirstScreen } from './first-screen';

/**
 * Takes the server's first screen (first-screen.ts) away in the commit that shows what replaces
 * it, so no frame, and no query of the page, sees both. Called by every screen that can come
 * instead of the records list's: its rows or empty state, an error, not found, no access, sign-in.
 */
export function useReleaseFirstScreen(shown = true) {
  useLayoutEffect(() => {
    if (shown) releaseFirstScreen();
  }, [shown]);
}
