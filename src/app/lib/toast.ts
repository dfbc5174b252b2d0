/**
 * Toasts, with sonner loaded on first use instead of in the entry chunk: a toast only ever
 * follows something the person did, by which time the chunk has long been fetched (the
 * Toaster loads it right after the first paint). Sonner replays toasts raised before its
 * Toaster subscribed, so none is lost.
 */
import type { ExternalToast } from 'sonner';

let sonner: Promise<typeof import('sonner')> | undefined;
export const loadSonner = () => (sonner ??= import('sonner'));

const show =
  (kind: 'success' | 'error' | 'info') =>
  (message: string, data?: ExternalToast): void =>
    void loadSonner().then(({ toast: sonnerToast }) => sonnerToast[kind](message, data));

export const toast = {
  success: show('success'),
  error: show('error'),
  info: show('info'),
  /** Take every toast down (signing out: the next person should not read the last one's). */
  dismissAll: (): void => void loadSonner().then(({ toast: sonnerToast }) => sonnerToast.dismiss()),
};
