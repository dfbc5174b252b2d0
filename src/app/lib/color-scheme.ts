import { useSyncExternalStore } from 'react';

/** What the person chose: follow the system, or one scheme whatever the system says. */
export const COLOR_SCHEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ColorSchemeChoice = (typeof COLOR_SCHEME_CHOICES)[number];

/** Not a secret, and per browser like the system setting it overrides: localStorage is enough. */
export const COLOR_SCHEME_STORAGE_KEY = 'sync-desk:color-scheme';
/** The same choice for the BFF, which draws a records page's first screen in it (src/bff/first-screen.ts). */
export const COLOR_SCHEME_COOKIE = 'sync-desk-color-scheme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

const isChoice = (value: unknown): value is ColorSchemeChoice =>
  COLOR_SCHEME_CHOICES.includes(value as ColorSchemeChoice);

function readChoice(): ColorSchemeChoice {
  try {
    const stored = localStorage.getItem(COLOR_SCHEME_STORAGE_KEY);
    return isChoice(stored) ? stored : 'system';
  } catch {
    // Storage can be off (privacy settings): the system decides.
    return 'system';
  }
}

let choice: ColorSchemeChoice = 'system';
/** The scheme on screen: the choice, or the system's when the choice is "system". */
let scheme: 'light' | 'dark' = 'light';
const listeners = new Set<() => void>();

/** Tells the BFF the choice ("system": nothing, the browser's setting decides there too). */
function shareChoice() {
  document.cookie =
    choice === 'system'
      ? `${COLOR_SCHEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
      : `${COLOR_SCHEME_COOKIE}=${choice}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** index.css keys the palette on this attribute; without it (before this runs) the system decides. */
function apply() {
  const dark = choice === 'dark' || (choice === 'system' && matchMedia(DARK_QUERY).matches);
  scheme = dark ? 'dark' : 'light';
  document.documentElement.dataset.colorScheme = scheme;
  for (const listener of listeners) listener();
}

/**
 * Applies the remembered choice and keeps following the system while the choice is "system".
 * main.tsx calls it before React renders, so the first painted screen is already right.
 */
export function followColorScheme(): () => void {
  choice = readChoice();
  // Also for a choice remembered before the cookie was.
  shareChoice();
  apply();
  const media = matchMedia(DARK_QUERY);
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}

export function setColorScheme(next: ColorSchemeChoice): void {
  choice = next;
  try {
    if (next === 'system') localStorage.removeItem(COLOR_SCHEME_STORAGE_KEY);
    else localStorage.setItem(COLOR_SCHEME_STORAGE_KEY, next);
  } catch {
    // Not remembered, but still applied for this visit.
  }
  shareChoice();
  apply();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The person's choice, for the toggle. */
export const useColorSchemeChoice = () =>
  useSyncExternalStore(
    subscribe,
    () => choice,
    () => 'system' as const,
  );

/** The scheme on screen, for what styles itself outside index.css's palette (the toasts). */
export const useColorScheme = () =>
  useSyncExternalStore(
    subscribe,
    () => scheme,
    () => 'light' as const,
  );
