/**
 * Keeps keyboard focus inside a modal surface (the details drawer, a dialog) while it is open,
 * and hands it back to what opened it on close. Traps nest: a dialog opened from the drawer owns
 * Tab until it closes, then the drawer does again.
 */
import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not(:disabled)',
  'input:not(:disabled)',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** What Tab can reach inside `container`, in order: shown, not inert. */
function tabbable(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
}

/** Open traps, innermost last: only that one acts on Tab. */
const open: RefObject<HTMLElement | null>[] = [];

/**
 * Tab and Shift+Tab wrap around inside `container` (and bring back focus that fell out of it, e.g.
 * to the body when a focused button went away). On mount `initialFocus` (or the container) gets
 * focus; on unmount focus goes to `returnTo(opener)`, by default the element focused before.
 */
export function useFocusTrap(
  container: RefObject<HTMLElement | null>,
  {
    initialFocus,
    returnTo = (opener) => opener,
  }: {
    initialFocus?: RefObject<HTMLElement | null>;
    returnTo?: (opener: HTMLElement | null) => HTMLElement | null;
  } = {},
): void {
  // Read at unmount: the latest, without re-running the trap on every render.
  const returnToRef = useRef(returnTo);
  useEffect(() => {
    returnToRef.current = returnTo;
  });

  useEffect(() => {
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    (initialFocus?.current ?? container.current)?.focus();
    open.push(container);

    const onKeyDown = (event: KeyboardEvent) => {
      const root = container.current;
      if (event.key !== 'Tab' || open.at(-1) !== container || !root) return;
      const items = tabbable(root);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const current = document.activeElement;
      const inside = current instanceof Node && root.contains(current);
      if (event.shiftKey && (!inside || current === first || current === root)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || current === last)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      open.splice(open.lastIndexOf(container), 1);
      const target = returnToRef.current(opener?.isConnected ? opener : null);
      target?.focus();
    };
    // Once per opening: refs keep their identity while the surface is open.
  }, [container, initialFocus]);
}
