import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COLOR_SCHEME_COOKIE,
  COLOR_SCHEME_STORAGE_KEY,
  followColorScheme,
  setColorScheme,
} from '../lib/color-scheme';
import { ColorSchemeSelect } from './color-scheme-select';

/** The system's dark-mode setting, which a test can flip (jsdom has no matchMedia). */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    get matches() {
      return dark;
    },
    addEventListener: (_: 'change', listener: () => void) => listeners.add(listener),
    removeEventListener: (_: 'change', listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', (query: string) => {
    expect(query).toBe('(prefers-color-scheme: dark)');
    return media;
  });
  return {
    set(next: boolean) {
      dark = next;
      act(() => listeners.forEach((listener) => listener()));
    },
  };
}

const scheme = () => document.documentElement.dataset.colorScheme;
/** The choice as the BFF is told it. */
const cookie = () => new RegExp(`(?:^|; )${COLOR_SCHEME_COOKIE}=(\\w+)`).exec(document.cookie)?.[1];

describe('colour scheme', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    stop?.();
    act(() => setColorScheme('system'));
    vi.unstubAllGlobals();
  });

  it('follows the system until the person picks one, and then keeps to that', async () => {
    const system = fakeSystem(false);
    stop = followColorScheme();
    render(<ColorSchemeSelect />);
    const select = screen.getByLabelText('Theme');
    expect(select).toHaveValue('system');
    expect(scheme()).toBe('light');

    system.set(true);
    expect(scheme()).toBe('dark');
    system.set(false);
    expect(scheme()).toBe('light');

    await userEvent.setup().selectOptions(select, 'Dark');
    expect(scheme()).toBe('dark');
    system.set(false);
    expect(scheme()).toBe('dark');

    await userEvent.setup().selectOptions(select, 'System');
    expect(scheme()).toBe('light');
    system.set(true);
    expect(scheme()).toBe('dark');
  });

  it('remembers the choice on the next visit, before anything renders', async () => {
    fakeSystem(true);
    stop = followColorScheme();
    const first = render(<ColorSchemeSelect />);
    await userEvent.setup().selectOptions(screen.getByLabelText('Theme'), 'Light');
    expect(localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('light');
    first.unmount();
    stop();
    delete document.documentElement.dataset.colorScheme;

    // The next page load: main.tsx applies the choice first.
    stop = followColorScheme();
    expect(scheme()).toBe('light');
    render(<ColorSchemeSelect />);
    expect(screen.getByLabelText('Theme')).toHaveValue('light');
  });

  it("tells the BFF the choice, which draws a records page's first screen in it", async () => {
    fakeSystem(false);
    stop = followColorScheme();
    expect(cookie()).toBeUndefined();
    render(<ColorSchemeSelect />);
    await userEvent.setup().selectOptions(screen.getByLabelText('Theme'), 'Dark');
    expect(cookie()).toBe('dark');
    await userEvent.setup().selectOptions(screen.getByLabelText('Theme'), 'System');
    expect(cookie()).toBeUndefined();

    // A choice remembered before the cookie was: shared on the next visit.
    localStorage.setItem(COLOR_SCHEME_STORAGE_KEY, 'light');
    stop();
    stop = followColorScheme();
    expect(cookie()).toBe('light');
  });
});
