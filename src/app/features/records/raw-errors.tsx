import { flattenErrors } from '../../../monite/errors-text';

/** The provider's `errors` exactly as Monite returned them, folded away: for support and the curious. */
export function RawErrors({ errors }: { errors: unknown }) {
  if (flattenErrors(errors).length === 0) return null;
  return (
    <details className="group rounded-lg ring-1 ring-slate-200">
      <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-slate-700 select-none hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
        Raw provider JSON
      </summary>
      {/* Long lines scroll inside the block; the drawer keeps its width. */}
      <pre className="max-h-96 overflow-auto border-t border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-800">
        {JSON.stringify(errors, null, 2)}
      </pre>
    </details>
  );
}
