/**
 * Whether pushing a failed record again can help, and what the UI calls each answer. Kept free of
 * zod and of the catalogue so the SPA's first screen can import it (error-groups.ts has both).
 *
 * `retry`: pushing again may succeed as it is. `fix_first`: it fails again until someone fixes the
 * data. `unknown`: a message the catalogue does not know; labelled "not recognised", and treated
 * like `fix_first` when asking the user to confirm.
 */
export const ERROR_CLASSES = ['retry', 'fix_first', 'unknown'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export const ERROR_CLASS_LABELS: Record<ErrorClass, string> = {
  retry: 'Retry may help',
  fix_first: 'Fix first',
  unknown: 'Not recognised',
};

/** Pushing records of this class asks the user to confirm they fixed the cause first. */
export const asksToConfirmFix = (errorClass: ErrorClass) => errorClass !== 'retry';
