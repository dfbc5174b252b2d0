import type { ErrorClassification } from '../../../contract/api';
import { ErrorClassBadge } from '../../components/error-class-badge';

/** Why it failed, whether a retry can help, and what to fix where: read before the raw errors. */
export function RecordCause({ classification }: { classification: ErrorClassification }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{classification.label}</span>
        <ErrorClassBadge errorClass={classification.class} />
      </p>
      <p className="mt-1.5 text-slate-700">{classification.fix}</p>
    </div>
  );
}
