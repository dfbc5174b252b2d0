import { MARK_LABELS, type HandledMark } from '../../../contract/handled';
import { RelativeTime } from '../../components/relative-time';

/** Who marked a record handled, when, and why: one line in a row, or a block in the drawer. */
export function HandledNote({ mark, full = false }: { mark: HandledMark; full?: boolean }) {
  const title = `${MARK_LABELS[mark.kind]} by ${mark.by}: ${mark.reason}`;
  if (!full) {
    return (
      <span className="block truncate text-xs text-slate-600" title={title}>
        <span className="font-medium text-slate-800">{MARK_LABELS[mark.kind]}</span> · {mark.by} ·{' '}
        <RelativeTime iso={mark.at} /> · {mark.reason}
      </span>
    );
  }
  return (
    <div className="text-sm text-slate-700">
      <p className="font-medium text-slate-900">{MARK_LABELS[mark.kind]}</p>
      <p className="mt-1 whitespace-pre-wrap">{mark.reason}</p>
      <p className="mt-1 text-xs text-slate-500">
        Marked by {mark.by}, <RelativeTime iso={mark.at} />. The mark lapses when the record changes in
        Monite.
      </p>
    </div>
  );
}
