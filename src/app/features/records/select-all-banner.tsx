import { MAX_JOB_RECORDS } from '../../../contract/push-jobs';
import type { RecordSelection } from './use-record-selection';

const linkClass =
  'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

/** Once every loaded row is ticked: offer every record matching the filters, or say it is so. */
export function SelectAllBanner({ selection }: { selection: RecordSelection }) {
  const { total, loaded } = selection;
  const matching = selection.selection.mode === 'filter';
  if (!matching && !(selection.header === 'all' && total > loaded)) return null;

  return (
    <div className="border-y border-indigo-100 bg-indigo-50 px-6 py-2 text-center text-sm text-slate-700">
      {matching ? (
        <>
          All {total.toLocaleString()} matching records are selected.{' '}
          <button type="button" className={linkClass} onClick={selection.clear}>
            Clear selection
          </button>
        </>
      ) : (
        <>
          All {loaded.toLocaleString()} loaded records are selected.{' '}
          {total <= MAX_JOB_RECORDS ? (
            <button type="button" className={linkClass} onClick={selection.selectMatching}>
              Select all {total.toLocaleString()} records matching these filters
            </button>
          ) : (
            `${total.toLocaleString()} match these filters, more than one push takes (${MAX_JOB_RECORDS.toLocaleString()}): narrow them to push all at once.`
          )}
        </>
      )}
    </div>
  );
}
