import { useId } from 'react';
import {
  COLOR_SCHEME_CHOICES,
  setColorScheme,
  useColorSchemeChoice,
  type ColorSchemeChoice,
} from '../lib/color-scheme';
import { cx } from '../lib/cx';

const LABELS: Record<ColorSchemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** System, Light or Dark: remembered in this browser. */
export function ColorSchemeSelect({ className }: { className?: string }) {
  const choice = useColorSchemeChoice();
  const id = useId();
  return (
    <span className={cx('inline-flex items-center gap-1.5', className)}>
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => setColorScheme(event.target.value as ColorSchemeChoice)}
        className="h-7 rounded-md bg-white px-1.5 text-slate-900 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {COLOR_SCHEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
    </span>
  );
}
