import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useFocusTrap } from '../lib/focus-trap';

type ModalDialogProps = {
  title: ReactNode;
  /** What the dialog asks, read out with the title. */
  description: ReactNode;
  children?: ReactNode;
  /** The buttons, right-aligned at the foot. */
  actions: ReactNode;
  onClose: () => void;
  /** Focused on open: the safe choice (Cancel) when the action is not undone. */
  initialFocus: RefObject<HTMLElement | null>;
};

/** A modal that keeps Tab inside, closes on Esc (this dialog only) and hands focus back on close. */
export function ModalDialog({
  title,
  description,
  children,
  actions,
  onClose,
  initialFocus,
}: ModalDialogProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useFocusTrap(dialogRef, {
    initialFocus,
    // The button that opened it may be gone (a bulk bar once its job started): the page, not the body.
    returnTo: (opener) => opener ?? document.getElementById('main'),
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Esc closes this dialog only, not the details drawer behind it.
      event.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [onClose]);

  return (
    // Clicks inside never reach a table row behind (which would open the details drawer).
    <div
      className="fixed inset-0 z-50 flex items-center justify-center p-4"
      onClick={(e) => e.stopPropagation()}
    >
      <div
        aria-hidden="true"
        className="absolute inset-0 bg-slate-900/30 dark:bg-black/60"
        onClick={onClose}
      />
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className="relative max-h-[90dvh] w-full max-w-md overflow-y-auto rounded-lg bg-white p-5 text-left shadow-2xl"
      >
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <div id={descriptionId} className="mt-2 text-sm text-slate-600">
          {description}
        </div>
        {children}
        <div className="mt-5 flex justify-end gap-2">{actions}</div>
      </div>
    </div>
  );
}
