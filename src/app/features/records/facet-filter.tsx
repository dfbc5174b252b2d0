import { usePopover } from '../../lib/use-popover';
import type { FacetKey } from '../../../contract/api';
import { cx } from '../../lib/cx';
import { FACET_TITLES, labelOf } from '../../lib/labels';
import { focusRing } from '../../lib/focus-ring';

type FacetFilterProps = {
  facet: FacetKey;
  options: readonly string[];
  selected: readonly string[];
  /** Matching records per option, under the other facets' filters. */
  counts: Record<string, number> | undefined;
  onChange: (selected: string[]) => void;
  /** How error groups read (the records page's `error_groups`). */
  groups?: Record<string, { label: string }>;
};

/** A pill that opens a checkbox list of every value of one facet, each with its count. */
export function FacetFilter({ facet, options, selected, counts, onChange, groups }: FacetFilterProps) {
  const { open, setOpen, rootRef, buttonRef, panelId } = usePopover();

  const toggle = (value: string) =>
    // Keep the enum's order, so one selection always makes the same URL and cache key.
    onChange(options.filter((o) => (o === value ? !selected.includes(o) : selected.includes(o))));

  const summary =
    selected.length === 0
      ? null
      : selected.length === 1
        ? labelOf(facet, selected[0], groups)
        : `${selected.length} selected`;

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className={cx(
          'inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-sm whitespace-nowrap',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
          selected.length
            ? 'border-indigo-200 bg-indigo-50 text-indigo-700'
            : 'border-dashed border-slate-300 bg-white text-slate-600 hover:bg-slate-50',
        )}
      >
        {FACET_TITLES[facet]}
        {summary && <span className="font-medium">· {summary}</span>}
        <span aria-hidden="true" className="text-xs text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        // A popover under its pill; on a phone, a sheet across the bottom of the screen.
        <fieldset
          id={panelId}
          className={cx(
            'fixed inset-x-0 bottom-0 z-30 max-h-[70dvh] overflow-y-auto rounded-t-xl border-t border-slate-200 bg-white p-2 pb-4 shadow-2xl',
            'sm:absolute sm:inset-x-auto sm:bottom-auto sm:left-0 sm:mt-1 sm:max-h-none sm:min-w-56 sm:rounded-lg sm:border sm:p-1 sm:shadow-lg',
          )}
        >
          <legend className="sr-only">{FACET_TITLES[facet]}</legend>
          {/* The sheet is far from its pill: it says what it filters. The legend already names it. */}
          <p aria-hidden="true" className="px-2 py-2 text-sm font-semibold text-slate-900 sm:hidden">
            {FACET_TITLES[facet]}
          </p>
          {options.map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
            >
              <input
                type="checkbox"
                className={cx('size-4 rounded border-slate-300 accent-indigo-600', focusRing)}
                checked={selected.includes(value)}
                onChange={() => toggle(value)}
              />
              <span className="flex-1">{labelOf(facet, value, groups)}</span>
              <span className="text-xs text-slate-600 tabular-nums">{counts?.[value] ?? 0}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
