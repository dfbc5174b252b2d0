/**
 * Toasts, with sonner loaded on the first toast instead of with the page: a toast only ever
 * follows something the person did, and until then sonner's code and styles would only compete
 * with the first screen. Its Toaster mounts once the first toast asks for sonner
 * (`useToastsWanted`), and sonner replays toasts raised before its Toaster subscribed, so none is
 * lost.
 */
import { useSyncExternalStore } from 'react';
import type { ExternalToast } from 'sonner';

let sonner: Promise<typeof import('sonner')> | undefined;
const listeners = new Set<() => void>();

export function loadSonner() {
  if (!sonner) {
    sonner = import('sonner');
    for (const listener of listeners) listener();
  }
  return sonner;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const wanted = () => sonner !== undefined;

/** Whether any toast was raised yet: the Toaster is rendered from then on. */
export const useToastsWanted = () => useSyncExternalStore(subscribe, wanted);

const show =
  (kind: 'success' | 'error' | 'info') =>
  (message: string, data?: ExternalToast): void =>
    void loadSonner().then(({ toast: sonnerToast }) => sonnerToast[kind](message, data));

export const toast = {
  success: show('success'),
  error: show('error'),
  info: show('info'),
  /** Take every toast down (signing out: the next person should not read the last one's). */
  dismissAll: (): void => void sonner?.then(({ toast: sonnerToast }) => sonnerToast.dismiss()),
};
