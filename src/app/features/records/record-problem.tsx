import type { ErrorClassification } from '../../../contract/api';
import { summariseErrors } from '../../../monite/errors-text';
import { validationItems, validationSentence } from '../../../monite/validation-items';
import { cx } from '../../lib/cx';
import { RecordCause } from './record-cause';

type RecordProblemProps = { errors: unknown; classification: ErrorClassification | null };

/**
 * What went wrong, first: the provider's message and each item it names as "field — message",
 * then the cause with what to fix where.
 */
export function RecordProblem({ errors, classification }: RecordProblemProps) {
  const message = summariseErrors(errors);
  if (!message) return <p className="text-sm text-slate-500">No errors reported.</p>;
  const items = validationItems(errors);
  // The message is usually one of the items' own words: then the item, naming its field, says it.
  const lead = items.some((item) => item.message === message) ? null : message;
  return (
    <div className="space-y-3">
      <div className="rounded-lg bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-100">
        {lead && <p className="mb-2 font-medium break-words">{lead}</p>}
        <ul
          aria-label="Validation items"
          className={cx('space-y-1', items.length > 1 ? 'list-disc pl-5' : lead ? '' : 'font-medium')}
        >
          {items.map((item) => (
            <li key={validationSentence(item)} className="break-words">
              {validationSentence(item)}
            </li>
          ))}
        </ul>
      </div>
      {classification && <RecordCause classification={classification} />}
    </div>
  );
}
