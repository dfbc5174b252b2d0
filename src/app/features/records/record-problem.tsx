import type { ErrorClassification } from '../../../contract/api';
import { summariseErrors } from '../../../monite/errors-text';
import { validationItems, validationSentence } from '../../../monite/validation-items';
import { RecordCause } from './record-cause';

type RecordProblemProps = { errors: unknown; classification: ErrorClassification | null | undefined };

/**
 * What went wrong, first: the provider's message, each item it names as "field — message", and
 * the cause with what to fix where.
 */
export function RecordProblem({ errors, classification }: RecordProblemProps) {
  const message = summariseErrors(errors);
  if (!message) return <p className="text-sm text-slate-500">No errors reported.</p>;
  // The message is often the only item's words: say it once.
  const sentences = validationItems(errors)
    .map(validationSentence)
    .filter((sentence) => sentence !== message);
  return (
    <div className="space-y-3">
      <div className="rounded-lg bg-red-50 p-3 text-sm ring-1 ring-red-100">
        <p className="font-medium break-words text-red-900">{message}</p>
        {sentences.length > 0 && (
          <ul aria-label="Validation items" className="mt-2 list-disc space-y-1 pl-5 text-red-900">
            {sentences.map((sentence) => (
              <li key={sentence} className="break-words">
                {sentence}
              </li>
            ))}
          </ul>
        )}
      </div>
      {classification && <RecordCause classification={classification} />}
    </div>
  );
}
