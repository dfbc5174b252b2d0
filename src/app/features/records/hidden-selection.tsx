import { MAX_LISTED_IDS } from '../../../contract/api';

const linkClass =
  'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

type HiddenSelectionProps = {
  /** Selected records the list does not show. */
  hidden: number;
  /** How many records are listed instead of the filters' matches, when they are. */
  showing: number | null;
  onShow: () => void;
  onBack: () => void;
};

/** Ticked records that other filters left out of view, and a way to list exactly them. */
export function HiddenSelection({ hidden, showing, onShow, onBack }: HiddenSelectionProps) {
  if (showing === null && hidden === 0) return null;
  return (
    <div className="border-b border-indigo-100 bg-indigo-50 px-6 py-2 text-sm text-slate-700">
      {showing !== null ? (
        <>
          Showing only the {showing.toLocaleString()} selected records
          {showing === MAX_LISTED_IDS && ` (the first ${MAX_LISTED_IDS.toLocaleString()})`}.{' '}
          <button type="button" className={linkClass} onClick={onBack}>
            Back to the filtered list
          </button>
        </>
      ) : (
        <>
          {hidden.toLocaleString()} selected not shown.{' '}
          <button type="button" className={linkClass} onClick={onShow}>
            Show selected
          </button>
        </>
      )}
    </div>
  );
}
