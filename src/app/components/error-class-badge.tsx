import { ERROR_CLASS_LABELS, type ErrorClass } from '../../contract/error-class';
import { cx } from '../lib/cx';

const TONES: Record<ErrorClass, string> = {
  retry: 'bg-sky-50 text-sky-800 ring-sky-600/25',
  fix_first: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  unknown: 'bg-slate-100 text-slate-700 ring-slate-500/25',
};

/** Whether pushing a failure again can help, in words ("Fix first"), the colour only a hint. */
export function ErrorClassBadge({ errorClass }: { errorClass: ErrorClass }) {
  return (
    <span
      className={cx(
        'inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONES[errorClass],
      )}
    >
      {ERROR_CLASS_LABELS[errorClass]}
    </span>
  );
}
