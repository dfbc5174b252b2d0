import type { RecordsPage } from '../../../contract/api';
import type { HandledView } from '../../../contract/handled';
import { cx } from '../../lib/cx';

type HandledViewTabsProps = {
  view: HandledView;
  /** Records marked handled under the current filters, by kind (from the list's first page). */
  counts: RecordsPage['handled'] | undefined;
  onChange: (view: HandledView) => void;
};

/** The work queue, or the records people marked handled (resolved outside, or not to be sent). */
export function HandledViewTabs({ view, counts, onChange }: HandledViewTabsProps) {
  const handled = counts ? counts.resolved + counts.do_not_send : undefined;
  const tab = (value: HandledView, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === value}
      onClick={() => onChange(value)}
      className={cx(
        'border-b-2 px-1 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
        view === value
          ? 'border-indigo-600 text-indigo-700'
          : 'border-transparent text-slate-500 hover:text-slate-800',
      )}
    >
      {label}
    </button>
  );
  return (
    <div role="tablist" aria-label="Records view" className="flex gap-5 border-b border-slate-200 px-4">
      {tab('exclude', 'To do')}
      {tab('only', handled === undefined ? 'Handled' : `Handled (${handled.toLocaleString()})`)}
    </div>
  );
}
