import { Link } from 'react-router';
import type { AuditEntry } from '../../../contract/audit';
import { summariseErrors } from '../../../monite/errors-text';
import { CopyButton } from '../../components/copy-button';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { labelOf } from '../../lib/labels';
import { recordPath } from '../../lib/paths';
import { formatAbsolute } from '../../lib/time';
import { actionLabel, formatDuration, isMarkEntry } from './audit-labels';
import { OutcomeBadge } from './outcome-badge';
import { JobLink, SettledOutcome } from './settled-outcome';

const none = <span className="text-slate-300">—</span>;

function RecordCell({ entry }: { entry: AuditEntry }) {
  if (!entry.record_id) return none;
  const label = `${labelOf('object_type', entry.object_type)} ${entry.object_id ?? entry.record_id}`;
  if (!entry.entity_id) return <span className="font-mono text-xs">{label}</span>;
  return (
    <Link
      to={recordPath(entry.entity_id, entry.record_id)}
      title={`Record ${entry.record_id}`}
      className="font-mono text-xs text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {label}
    </Link>
  );
}

function StatusChange({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return none;
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      {before ? <StatusBadge status={before} live={false} /> : none}
      <span aria-label="to">→</span>
      {after ? <StatusBadge status={after} live={false} /> : none}
    </span>
  );
}

export function AuditRow({ entry }: { entry: AuditEntry }) {
  const reason = entry.reason ?? summariseErrors(entry.errors);
  return (
    <tr className="align-top [&>td]:px-4 [&>td]:py-2">
      <td className="whitespace-nowrap">
        <div className="text-slate-900">{formatAbsolute(entry.at)}</div>
        <div className="text-xs text-slate-500">
          <RelativeTime iso={entry.at} />
        </div>
      </td>
      <td className="max-w-48 truncate text-slate-700" title={entry.actor}>
        {entry.actor}
      </td>
      <td className="whitespace-nowrap text-slate-700">{actionLabel(entry)}</td>
      <td className="max-w-56 truncate">
        <RecordCell entry={entry} />
        {entry.job_id && <JobLink jobId={entry.job_id} />}
      </td>
      <td className="whitespace-nowrap text-slate-600">
        {entry.provider ? labelOf('provider', entry.provider) : none}
      </td>
      <td className="whitespace-nowrap text-slate-600">
        {entry.platform ? labelOf('platform', entry.platform) : none}
      </td>
      <td>
        <StatusChange before={entry.status_before} after={entry.status_after} />
        <SettledOutcome entry={entry} />
      </td>
      <td>
        <OutcomeBadge outcome={entry.outcome} />
      </td>
      <td className="whitespace-nowrap">
        {entry.monite_request_id ? (
          <span className="inline-flex items-center gap-1">
            <code
              title={entry.monite_request_id}
              className="block max-w-36 truncate font-mono text-xs text-slate-700 select-all"
            >
              {entry.monite_request_id}
            </code>
            <CopyButton value={entry.monite_request_id} label="Monite request ID" />
          </span>
        ) : (
          none
        )}
      </td>
      <td className="text-right whitespace-nowrap text-slate-600 tabular-nums">
        {formatDuration(entry.duration_ms)}
      </td>
      <td className="max-w-80">
        {reason ? (
          <span
            className={`line-clamp-2 ${isMarkEntry(entry) ? 'text-slate-700' : 'text-red-700'}`}
            title={reason}
          >
            {reason}
          </span>
        ) : (
          none
        )}
      </td>
    </tr>
  );
}
