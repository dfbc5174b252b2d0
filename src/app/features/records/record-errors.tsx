import { flattenErrors, summariseErrors } from '../../../monite/errors-text';

/** The provider's free-form `errors` map: its main message first, then every key/value line. */
export function RecordErrors({ errors }: { errors: unknown }) {
  const lines = flattenErrors(errors);
  if (lines.length === 0) return <p className="text-sm text-slate-500">No errors reported.</p>;
  return (
    <div className="rounded-lg bg-red-50 p-3 text-sm ring-1 ring-red-100">
      <p className="mb-2 border-b border-red-100 pb-2 font-medium text-red-900">{summariseErrors(errors)}</p>
      <dl className="space-y-2">
        {lines.map(({ key, value }) => (
          <div key={key}>
            <dt className="font-mono text-xs text-red-600">{key}</dt>
            <dd className="break-words whitespace-pre-wrap text-red-900">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
